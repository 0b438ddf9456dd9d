import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InMemoryPhotoStore } from '../in-memory/in-memory-photo-store';
import { detectImageType } from '../../domain/photo-type';
import { BodyTooLargeError, readBody, SECURITY_HEADERS, sendError } from './http-io';

export const PHOTOS_PATH = '/photos/';

/**
 * The local stand-in for S3's presigned URLs: PUT stores an upload made through a link from `uploadUrl` (checked
 * signature, expiry and exact length; a link works once, then 412 as S3's conditional write) and reports it as
 * "Object Created"; GET serves a snapshot link, typed by its bytes, under the strict security headers (404 once the
 * photo is gone, past its retention).
 * Returns false for paths that are not photo links, so the caller can route them elsewhere.
 */
export function photoRoutes(options: {
  readonly photos: InMemoryPhotoStore;
  readonly baseUrl: string;
  readonly maxBytes: number;
  readonly onObjectCreated: (key: string, size: number) => void;
}) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = request.url ?? '/';
    if (!path.startsWith(PHOTOS_PATH)) return false;
    const url = new URL(path, options.baseUrl).toString();

    if (request.method === 'PUT') {
      let body: Buffer;
      try {
        body = await readBody(request, options.maxBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) sendError(response, 413, 'EntityTooLarge', error.message);
        else sendError(response, 400, 'IncompleteBody', 'the upload did not complete');
        return true;
      }
      const result = options.photos.acceptUpload(url, body);
      if (result.kind === 'refused') {
        sendError(response, 403, 'AccessDenied', result.reason);
        return true;
      }
      if (result.kind === 'already-uploaded') {
        sendError(response, 412, 'PreconditionFailed', result.reason);
        return true;
      }
      response.writeHead(200, SECURITY_HEADERS).end();
      options.onObjectCreated(result.key, body.length);
      return true;
    }

    if (request.method === 'GET' || request.method === 'HEAD') {
      const check = options.photos.checkSnapshotUrl(url);
      if (check.kind !== 'ok') {
        sendError(response, 403, 'AccessDenied', `the link is ${check.kind}`);
        return true;
      }
      const photo = await options.photos.read(check.key);
      if (!photo) {
        sendError(response, 404, 'NoSuchKey', 'no such photo');
        return true;
      }
      // Served as what the bytes are: an upload that is not an image is never served as one, nor rendered.
      const type = detectImageType(photo);
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': type ?? 'application/octet-stream',
        ...(type === undefined ? { 'content-disposition': 'attachment' } : {}),
        'content-length': photo.byteLength,
        'cache-control': 'private, max-age=60',
      });
      response.end(request.method === 'GET' ? photo : undefined);
      return true;
    }

    sendError(response, 405, 'MethodNotAllowed', 'photo links take GET or PUT');
    return true;
  };
}
