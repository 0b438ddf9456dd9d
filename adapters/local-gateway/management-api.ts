import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from './aws-ids';
import { DELETED_BY_MANAGEMENT_API } from './disconnect-causes';
import type { LiveConnection } from './live-connection';
import { applyPostFaults, type PostFaults } from './post-faults';
import { verifySignature, type SigningCredentials } from './sigv4-verification';

/**
 * API Gateway's `@connections` management API, spoken over HTTP to the real SDK client
 * (`ApiGatewayManagementApiClient`), on the gateway's own port:
 *
 * | request | answer |
 * |---|---|
 * | `POST /@connections/{id}` | the body, as is, as one frame to the client → 200 |
 * | `GET /@connections/{id}` | 200 `{ connectedAt, identity: { sourceIp, userAgent }, lastActiveAt }` (ISO 8601) |
 * | `DELETE /@connections/{id}` | closes the connection (1000) → 204; its $disconnect follows |
 * | any of them for an unknown, closing or closed id | 410 GoneException |
 * | `POST` over the message limit (128 KB) | 413 PayloadTooLargeException |
 * | `POST` throttled by the injected `postFaults` (off by default) | 429 LimitExceededException, nothing sent |
 * | no SigV4 `Authorization` header | 403 ForbiddenException "Missing Authentication Token" |
 * | with `credentials`: another access key | 403 UnrecognizedClientException |
 * | with `credentials`: a signature that does not match, or dated over 15 minutes away | 403 InvalidSignatureException |
 * | another method, or another stage | 403 `{"message":"Forbidden"}` |
 *
 * Errors are restJson1 as API Gateway sends them: the name in `x-amzn-ErrorType` (what the SDK reads first) and a
 * `{"message": …}` body. The path may start with the stage (`/prod/@connections/{id}`), as it does when the SDK's
 * endpoint is the stage's callback URL. Given `credentials`, signatures are verified as AWS does, so only the
 * holders of that key pair can push to a device; without, any AWS4-HMAC-SHA256 header will do (tests and benchmarks
 * with dummy credentials), while a client that forgot to sign fails here as it would in AWS.
 */
export interface ManagementApiOptions {
  readonly stage: string;
  readonly maxMessageBytes: number;
  /** Injected delay and throttling of posts; undefined: none. */
  readonly postFaults?: Required<PostFaults> | undefined;
  readonly find: (connectionId: string) => LiveConnection | undefined;
  /** The only key pair whose signatures are accepted; undefined: signatures are not checked. */
  readonly credentials?: SigningCredentials | undefined;
}

const CONNECTIONS_PATH = /^(?:\/([^/]+))?\/@connections\/([^/]+)$/;

/** Returns a request handler that answers true when the request was the management API's to answer. */
export function managementApi(options: ManagementApiOptions): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://gateway.local').pathname;
    if (!pathname.includes('/@connections')) return false;
    answer(options, request, response, pathname).catch(() => {
      if (!response.headersSent) sendError(response, 500, 'InternalServerErrorException', 'Internal server error');
      else response.destroy();
    });
    return true;
  };
}

async function answer(options: ManagementApiOptions, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const body = await readBody(request, options.maxMessageBytes);
  const match = CONNECTIONS_PATH.exec(pathname);
  const [, stage, encodedId] = match ?? [];
  const connectionId = encodedId === undefined ? undefined : decode(encodedId);
  if (connectionId === undefined || (stage !== undefined && stage !== options.stage)) {
    answerForbidden(response);
    return;
  }
  if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) {
    sendError(response, 403, 'ForbiddenException', 'Missing Authentication Token');
    return;
  }
  if (options.credentials && body !== 'too-large') {
    const check = await verifySignature(request, body, options.credentials, Date.now());
    if (check.kind === 'refused') return sendError(response, 403, check.errorType, check.message);
  }
  const found = options.find(connectionId);
  const connection = found?.isOpen ? found : undefined;
  switch (request.method) {
    case 'POST':
      if (body === 'too-large') return sendError(response, 413, 'PayloadTooLargeException', 'Message too long');
      if (options.postFaults && (await applyPostFaults(options.postFaults)) === 'throttled') {
        return sendError(response, 429, 'LimitExceededException', 'Limit Exceeded');
      }
      if (!connection || !(await connection.send(body))) return sendGone(response);
      return send(response, 200);
    case 'GET':
      if (!connection) return sendGone(response);
      return send(response, 200, {
        connectedAt: new Date(connection.facts.connectedAt).toISOString(),
        identity: { sourceIp: connection.facts.identity.sourceIp, userAgent: connection.facts.identity.userAgent ?? '' },
        lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      });
    case 'DELETE':
      if (!connection) return sendGone(response);
      connection.close(DELETED_BY_MANAGEMENT_API);
      return send(response, 204);
    default:
      return answerForbidden(response);
  }
}

/** The SDK percent-encodes the id (`=` → `%3D`, `/` → `%2F`); undefined when the encoding is broken. */
function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The request body, or 'too-large' past the limit (the rest is drained, not kept, so the answer can be sent). */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? 'too-large' : Buffer.concat(chunks);
}

function sendGone(response: ServerResponse): void {
  sendError(response, 410, 'GoneException', null);
}

/** API Gateway's answer to a path or method it has no route for; also the gateway's for requests nothing handled. */
export function answerForbidden(response: ServerResponse): void {
  sendError(response, 403, 'ForbiddenException', 'Forbidden');
}

function sendError(response: ServerResponse, status: number, errorType: string, message: string | null): void {
  const body = JSON.stringify({ message });
  response
    .writeHead(status, { 'content-type': 'application/json', 'x-amzn-RequestId': newRequestId(), 'x-amzn-ErrorType': errorType })
    .end(body);
}

function send(response: ServerResponse, status: number, json?: unknown): void {
  const headers = { 'x-amzn-RequestId': newRequestId(), ...(json === undefined ? {} : { 'content-type': 'application/json' }) };
  response.writeHead(status, headers).end(json === undefined ? undefined : JSON.stringify(json));
}
