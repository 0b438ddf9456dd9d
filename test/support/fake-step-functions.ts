import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the Step Functions task-token callbacks, spoken as the real service does so the real
 * SFNClient talks to it: awsJson1_0 (`POST /`, `X-Amz-Target: AWSStepFunctions.SendTaskSuccess`,
 * `Content-Type: application/x-amz-json-1.0`), errors as status 400 with `{"__type": …, "message": …}`.
 * Tokens are single-use: a used or timed-out token answers TaskTimedOut ("Provided task does not exist anymore"),
 * one never issued InvalidToken. Inputs are checked against the API's constraints, so an adapter sending an
 * over-long `error` or non-JSON `output` is refused here as in AWS.
 */

export type FakeTaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: unknown }
  | { readonly kind: 'failed'; readonly error?: string; readonly cause?: string }
  | { readonly kind: 'timed-out' };

export interface FakeWaitingTask {
  readonly taskToken: string;
  /** Resolves once the task is completed, failed or timed out. */
  outcome(): Promise<FakeTaskOutcome>;
}

/** A scripted failure of the next calls: the error's `__type`, its message, and its status (400 unless told). */
export interface SfnFault {
  readonly type: string;
  readonly message?: string;
  readonly status?: number;
}

export interface SfnCall {
  /** The operation, from `X-Amz-Target` (`SendTaskSuccess`…). */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly status: number;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_TOKEN_LENGTH = 2048;
const MAX_OUTPUT_BYTES = 256 * 1024;
const MAX_ERROR_LENGTH = 256;
const MAX_CAUSE_LENGTH = 32_768;

class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface Task {
  settled: boolean;
  readonly resolve: (outcome: FakeTaskOutcome) => void;
}

export class FakeStepFunctions {
  private readonly tasks = new Map<string, Task>();
  private readonly faults: SfnFault[] = [];
  private readonly log: SfnCall[] = [];

  private constructor(
    private readonly server: Server,
    /** `http://127.0.0.1:{port}`: the SFNClient's `endpoint`. */
    readonly endpoint: string,
  ) {}

  static async start(): Promise<FakeStepFunctions> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const sfn = new FakeStepFunctions(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      sfn.handle(request, response).catch(() => response.destroy());
    });
    return sfn;
  }

  /** A `.waitForTaskToken` state starts waiting; its token looks like a real one (long, base64). */
  startWaiting(): FakeWaitingTask {
    const taskToken = randomBytes(96).toString('base64');
    let resolve!: (outcome: FakeTaskOutcome) => void;
    const outcome = new Promise<FakeTaskOutcome>((settle) => (resolve = settle));
    this.tasks.set(taskToken, { settled: false, resolve });
    return { taskToken, outcome: () => outcome };
  }

  /** The task's wait runs out (its TimeoutSeconds or HeartbeatSeconds passed). */
  timeOut(taskToken: string): void {
    this.settle(taskToken, { kind: 'timed-out' });
  }

  /** The next `count` calls, whatever they are, fail with `fault`. */
  failNext(count: number, fault: SfnFault): void {
    for (let n = 0; n < count; n++) this.faults.push(fault);
  }

  get calls(): readonly SfnCall[] {
    return [...this.log];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let input: Record<string, unknown> = {};
    let status = 200;
    try {
      input = this.parse(request, Buffer.concat(chunks).toString('utf8'));
      const fault = this.faults.shift();
      if (fault) throw new SfnError(fault.type, fault.message ?? fault.type, fault.status);
      this.invoke(operation, input);
      send(response, 200, {});
    } catch (error) {
      const failure = error instanceof SfnError ? error : new SfnError('InternalFailure', String(error), 500);
      status = failure.status;
      send(response, status, { __type: failure.type, message: failure.message });
    }
    this.log.push({ operation, input, status });
  }

  private parse(request: IncomingMessage, body: string): Record<string, unknown> {
    if (request.method !== 'POST') throw new SfnError('UnknownOperationException', `${request.method} is not supported`);
    if (!request.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) {
      throw new SfnError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    }
    if (request.headers['content-type'] !== CONTENT_TYPE) {
      throw new SfnError('UnknownOperationException', `expected Content-Type ${CONTENT_TYPE}`);
    }
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new SfnError('SerializationException', 'Start of structure or map found where not expected');
  }

  private invoke(operation: string, input: Record<string, unknown>): void {
    switch (operation) {
      case 'SendTaskSuccess': {
        const taskToken = requireToken(input);
        const output = requireString(input, 'output', { bytes: MAX_OUTPUT_BYTES });
        let parsed: unknown;
        try {
          parsed = JSON.parse(output);
        } catch {
          throw new SfnError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
        }
        this.complete(taskToken, { kind: 'succeeded', output: parsed });
        return;
      }
      case 'SendTaskFailure': {
        const taskToken = requireToken(input);
        const error = optionalString(input, 'error', MAX_ERROR_LENGTH);
        const cause = optionalString(input, 'cause', MAX_CAUSE_LENGTH);
        this.complete(taskToken, {
          kind: 'failed',
          ...(error === undefined ? {} : { error }),
          ...(cause === undefined ? {} : { cause }),
        });
        return;
      }
      default:
        throw new SfnError('UnknownOperationException', `unknown operation ${JSON.stringify(operation)}`);
    }
  }

  private complete(taskToken: string, outcome: FakeTaskOutcome): void {
    const task = this.tasks.get(taskToken);
    if (!task) throw new SfnError('InvalidToken', "Invalid Token: 'Invalid token'");
    if (task.settled) throw new SfnError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    this.settle(taskToken, outcome);
  }

  private settle(taskToken: string, outcome: FakeTaskOutcome): void {
    const task = this.tasks.get(taskToken);
    if (!task || task.settled) return;
    task.settled = true;
    task.resolve(outcome);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': CONTENT_TYPE, 'x-amzn-RequestId': randomUUID() }).end(JSON.stringify(body));
}

/** Smithy length constraints count code points; `output`'s counts UTF-8 bytes (API reference). */
function requireString(input: Record<string, unknown>, field: string, limit: { bytes?: number; length?: number }): string {
  const value = input[field];
  if (typeof value !== 'string') throw validation(field, 'must not be null');
  if (limit.bytes !== undefined && Buffer.byteLength(value, 'utf8') > limit.bytes) {
    throw validation(field, `must have length less than or equal to ${limit.bytes}`);
  }
  if (limit.length !== undefined && Array.from(value).length > limit.length) {
    throw validation(field, `must have length less than or equal to ${limit.length}`);
  }
  return value;
}

function optionalString(input: Record<string, unknown>, field: string, maxLength: number): string | undefined {
  return input[field] === undefined ? undefined : requireString(input, field, { length: maxLength });
}

function requireToken(input: Record<string, unknown>): string {
  const token = requireString(input, 'taskToken', { length: MAX_TOKEN_LENGTH });
  if (token === '') throw validation('taskToken', 'must have length greater than or equal to 1');
  return token;
}

function validation(field: string, constraint: string): SfnError {
  return new SfnError(
    'ValidationException',
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member ${constraint}`,
  );
}
