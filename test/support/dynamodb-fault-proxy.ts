import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The two names DynamoDB throttles with: per-table capacity, and the account/control-plane rate. */
const THROTTLES = ['ProvisionedThroughputExceededException', 'ThrottlingException'] as const;

export interface ProxiedRequest {
  /** `DynamoDB_20120810.PutItem` → `PutItem`. */
  readonly operation: string;
  readonly table: string | undefined;
  /** The SDK's attempt number of this invocation (1 = the first try). */
  readonly attempt: number;
}

export interface DynamoDbFaultProxy {
  readonly endpoint: string;
  /** Every request throttled so far. */
  readonly throttled: readonly ProxiedRequest[];
  /** How many requests reached DynamoDB behind the proxy. */
  readonly forwarded: () => number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of a DynamoDB endpoint (dynalite) that answers some requests as a throttled DynamoDB
 * does — 400 with `ProvisionedThroughputExceededException` or `ThrottlingException`, without forwarding, since
 * DynamoDB refuses before applying anything — and forwards the rest untouched. `throttle` chooses; it sees the
 * operation, the table and the SDK's attempt number (from the `amz-sdk-request` header), so a test can throttle
 * first attempts only and know that every retry goes through. `loseResponse` picks requests that are applied but
 * answered 500, as when DynamoDB's answer is lost on the way back.
 */
export async function startDynamoDbFaultProxy(
  target: string,
  throttle: (request: ProxiedRequest) => boolean,
  /** Forwards the request, then answers 500 as if the response were lost: the write happened, the caller can't know. */
  loseResponse: (request: ProxiedRequest) => boolean = () => false,
): Promise<DynamoDbFaultProxy> {
  const throttled: ProxiedRequest[] = [];
  let forwarded = 0;
  const server: Server = createServer(async (incoming, response) => {
    const body = await readAll(incoming);
    const request = describe(incoming, body);
    if (throttle(request)) {
      const name = THROTTLES[throttled.length % THROTTLES.length]!;
      throttled.push(request);
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `throttled-${throttled.length}` });
      response.end(
        JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${name}`, message: 'Rate of requests exceeds the allowed throughput.' }),
      );
      return;
    }
    forwarded += 1;
    const lost = loseResponse(request);
    const upstream = forward(new URL(incoming.url ?? '/', target), { method: incoming.method, headers: incoming.headers }, (answer) => {
      if (lost) {
        answer.resume();
        response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' }));
        return;
      }
      response.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    throttled,
    forwarded: () => forwarded,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function describe(incoming: IncomingMessage, body: Buffer): ProxiedRequest {
  const target = String(incoming.headers['x-amz-target'] ?? '');
  const attempt = /attempt=(\d+)/.exec(String(incoming.headers['amz-sdk-request'] ?? ''))?.[1];
  let table: string | undefined;
  try {
    table = (JSON.parse(body.toString('utf8')) as { TableName?: string }).TableName;
  } catch {
    table = undefined;
  }
  return { operation: target.slice(target.indexOf('.') + 1), table, attempt: Number(attempt ?? 1) };
}

async function readAll(incoming: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
