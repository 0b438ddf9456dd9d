import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { crc32 } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../adapters/local-gateway/node-sha256';

export const FAKE_S3_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-s3-secret' } as const;
export const FAKE_S3_REGION = 'local';

export interface FakeS3Options {
  readonly now?: () => number;
  /**
   * S3 answers a missing key with 404 only to a caller allowed `s3:ListBucket` (here: on the key's prefix, as the
   * stack's `s3:prefix` condition grants it), and with 403 AccessDenied to anyone else, so as not to reveal what
   * exists. The key prefixes the caller may list; absent, every key (404 for any missing key).
   */
  readonly listablePrefixes?: readonly string[];
}

/**
 * A loopback S3 for tests (path-style `/{bucket}/{key}`): objects in memory, and presigned URLs checked the way S3
 * checks them — the SigV4 query signature is recomputed from the request, the expiry is enforced, a signed
 * `content-length` must match the body, and so must a CRC32 checksum carried in the URL; `If-None-Match: *` makes a
 * PUT onto an existing object fail with 412, as S3's conditional writes do; a presigned GET may override the type
 * and disposition served. Header-signed SDK requests are served without checking their signature.
 */
export async function startFakeS3(options: FakeS3Options = {}) {
  const now = options.now ?? Date.now;
  const mayList = (key: string) => options.listablePrefixes?.some((prefix) => key.startsWith(prefix)) ?? true;
  const objects = new Map<string, { body: Buffer; contentType: string | undefined }>();
  const signer = new SignatureV4({
    credentials: FAKE_S3_CREDENTIALS,
    region: FAKE_S3_REGION,
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
  });

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const objectKey = decodeURIComponent(url.pathname.slice(1));
    const reply = (status: number, code?: string, message?: string) => {
      response.writeHead(status, code ? { 'content-type': 'application/xml' } : {});
      response.end(
        code ? `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>` : undefined,
      );
    };

    if (url.searchParams.has('X-Amz-Signature')) {
      const problem = await checkPresigned(signer, request, url, body, now());
      if (problem) return reply(problem.code === 'BadDigest' ? 400 : 403, problem.code, problem.message);
    }
    if (request.method === 'PUT') {
      // S3's conditional write: `If-None-Match: *` refuses to overwrite an existing object.
      if (request.headers['if-none-match'] === '*' && objects.has(objectKey)) {
        return reply(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      }
      objects.set(objectKey, { body, contentType: request.headers['content-type'] });
      response.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return response.end();
    }
    if (request.method === 'GET' || request.method === 'HEAD') {
      const object = objects.get(objectKey);
      if (!object) {
        return mayList(objectKey.slice(objectKey.indexOf('/') + 1))
          ? reply(404, 'NoSuchKey', 'The specified key does not exist.')
          : reply(403, 'AccessDenied', 'Access Denied');
      }
      // A presigned GET may override the stored type and disposition (response-content-type, …), as S3 allows.
      const disposition = url.searchParams.get('response-content-disposition');
      response.writeHead(200, {
        'content-type': url.searchParams.get('response-content-type') ?? object.contentType ?? 'application/octet-stream',
        ...(disposition === null ? {} : { 'content-disposition': disposition }),
        'content-length': object.body.length,
      });
      return response.end(request.method === 'GET' ? object.body : undefined);
    }
    reply(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    objects,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function checkPresigned(
  signer: SignatureV4,
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  now: number,
): Promise<{ code: string; message: string } | undefined> {
  const params = url.searchParams;
  const signingDate = parseAmzDate(params.get('X-Amz-Date') ?? '');
  const expiresIn = Number(params.get('X-Amz-Expires'));
  const signedHeaders = (params.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  if (signingDate === undefined || !Number.isInteger(expiresIn)) return { code: 'AuthorizationQueryParametersError', message: 'bad query' };
  if (now > signingDate.getTime() + expiresIn * 1000) return { code: 'AccessDenied', message: 'Request has expired' };
  if (signedHeaders.includes('content-length') && Number(request.headers['content-length']) !== body.length) {
    return { code: 'SignatureDoesNotMatch', message: 'content-length does not match' };
  }
  const checksum = params.get('x-amz-checksum-crc32');
  if (checksum !== null && checksum !== crc32Base64(body)) {
    return { code: 'BadDigest', message: 'The CRC32 you specified did not match the calculated checksum.' };
  }

  // Rebuild the request as the client had it before signing: the signer adds the X-Amz-* auth parameters again,
  // and hoists x-amz-content-sha256 from a header into the query as the S3 presigner does.
  const query: Record<string, string> = {};
  for (const [name, value] of params) if (!name.startsWith('X-Amz-')) query[name] = value;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(request.headers[name] ?? '');
  const contentSha256 = params.get('X-Amz-Content-Sha256');
  if (contentSha256 !== null) headers['X-Amz-Content-Sha256'] = contentSha256;
  const expected = await signer.presign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname: (request.headers.host ?? '').split(':')[0] ?? '',
      port: Number((request.headers.host ?? '').split(':')[1]),
      path: url.pathname,
      query,
      headers,
    },
    { signingDate, expiresIn, signableHeaders: new Set(signedHeaders), unhoistableHeaders: new Set(signedHeaders) },
  );
  if (expected.query?.['X-Amz-Signature'] !== params.get('X-Amz-Signature')) {
    return { code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return undefined;
}

function crc32Base64(body: Buffer): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(body));
  return value.toString('base64');
}

function parseAmzDate(text: string): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
