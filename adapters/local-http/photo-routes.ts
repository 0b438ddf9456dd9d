import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InMemoryPhotoStore } from '../in-memory/in-memory-photo-store';
import { BodyTooLargeError, readBody, sendError } from './http-io';

export const PHOTOS_PATH = '/photos/';

/**
 * The local stand-in for S3's presigned URLs: PUT stores an upload made through a link from `uploadUrl` (checked
 * signature, expiry and exact length) and reports it as "Object Created"; GET serves a snapshot link.
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
      response.writeHead(200).end();
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
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.byteLength, 'cache-control': 'private, max-age=60' });
      response.end(request.method === 'GET' ? photo : undefined);
      return true;
    }

    sendError(response, 405, 'MethodNotAllowed', 'photo links take GET or PUT');
    return true;
  };
}
