import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for SQS's SendMessage, spoken as the real service does so the real SQSClient talks to it:
 * awsJson1_0 (`POST /`, `X-Amz-Target: AmazonSQS.SendMessage`), errors as status 400 with `{"__type": …}`. It keeps
 * the messages sent, in order, for the test to hand to the consumer as SQS would; DelaySeconds is checked against
 * SQS's bound (0–900), and the answer carries the body's MD5, which the client verifies.
 */
export interface SentMessage {
  readonly messageId: string;
  readonly queueUrl: string;
  readonly body: string;
  readonly delaySeconds: number;
}

export class FakeSqs {
  readonly sent: SentMessage[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:{port}`: the SQSClient's `endpoint`. */
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeSqs> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sqs = new FakeSqs(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      sqs.handle(request, response).catch(() => response.destroy());
    });
    return sqs;
  }

  /** The messages sent so far as an SQS event's records. */
  records(): { messageId: string; body: string }[] {
    return this.sent.map(({ messageId, body }) => ({ messageId, body }));
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
    };
    if (target !== 'AmazonSQS.SendMessage') return reply(400, { __type: 'com.amazonaws.sqs#UnsupportedOperation', message: target });
    const delaySeconds = Number(input['DelaySeconds'] ?? 0);
    if (typeof input['MessageBody'] !== 'string' || typeof input['QueueUrl'] !== 'string' || !(delaySeconds >= 0 && delaySeconds <= 900)) {
      return reply(400, { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: 'bad SendMessage' });
    }
    const messageId = randomUUID();
    this.sent.push({ messageId, queueUrl: input['QueueUrl'], body: input['MessageBody'], delaySeconds });
    // The SDK checks the body's MD5 against this, as it does against SQS's.
    reply(200, { MessageId: messageId, MD5OfMessageBody: createHash('md5').update(input['MessageBody']).digest('hex') });
  }
}
