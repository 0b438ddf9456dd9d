import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { rekognitionOperations, RekognitionError, type StoredFace } from './fake-rekognition-operations';
import type { FaceColour } from './palette';

export interface RecordedCall {
  readonly operation: string;
  /** The request as sent (JSON), e.g. `Image.Bytes` still base64. */
  readonly body: Record<string, unknown>;
}

/** What the next call of an operation gets instead of an answer: an error reply, or a connection cut mid-request. */
export type ScriptedFault = { readonly type: string; readonly message?: string; readonly status?: number } | 'connection-reset';

const JSON_11 = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'RekognitionService.';
/** Server-side faults answer 5xx; Rekognition's other errors, throttling included, answer 400. */
const STATUS_BY_TYPE: Record<string, number> = { InternalServerError: 500, ServiceUnavailableException: 503 };

/**
 * A loopback Rekognition for tests, speaking its JSON 1.1 protocol (POST /, `X-Amz-Target: RekognitionService.<Op>`):
 * CreateCollection, DetectFaces, IndexFaces, SearchFacesByImage, ListFaces, DeleteFaces over per-collection state.
 * Faces are recognized from pixels (see colour-faces.ts), so whatever the adapter really sends — crops included — is
 * what is judged. Every call is recorded; `failNext` scripts faults. Signatures are not checked.
 */
export async function startFakeRekognition() {
  const collections = new Map<string, StoredFace[]>();
  const operations = rekognitionOperations(collections);
  const calls: RecordedCall[] = [];
  const faults = new Map<string, ScriptedFault[]>();

  const server: Server = createServer(async (request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': JSON_11, 'x-amzn-requestid': randomUUID() });
      response.end(JSON.stringify(body));
    };
    const fail = (error: RekognitionError) => reply(error.status, { __type: error.type, message: error.message });

    const target = String(request.headers['x-amz-target'] ?? '');
    const operationName = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request)).toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return fail(new RekognitionError('SerializationException', 'Request body is not valid JSON'));
    }
    calls.push({ operation: operationName, body });

    const fault = faults.get(operationName)?.shift();
    if (fault === 'connection-reset') return request.socket.destroy();
    if (fault)
      return fail(
        new RekognitionError(fault.type, fault.message ?? `Scripted ${fault.type}`, fault.status ?? STATUS_BY_TYPE[fault.type] ?? 400),
      );

    const operation = operations[operationName];
    if (!operation) return fail(new RekognitionError('UnknownOperationException', `Unknown operation ${target}`));
    try {
      reply(200, await operation(body));
    } catch (error) {
      if (error instanceof RekognitionError) return fail(error);
      fail(new RekognitionError('InternalServerError', String(error), 500));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    /** A real SDK client for this server; no retries, so a scripted fault reaches the adapter as it is. */
    client: () =>
      new RekognitionClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 }),
    calls,
    callsTo: (operation: string): RecordedCall[] => calls.filter((call) => call.operation === operation),
    clearCalls: (): void => void calls.splice(0),
    /** The next `times` calls of `operation` get `fault` instead of an answer. */
    failNext(operation: string, fault: ScriptedFault, times = 1): void {
      faults.set(operation, [...(faults.get(operation) ?? []), ...Array.from({ length: times }, () => fault)]);
    },
    collectionIds: (): string[] => [...collections.keys()],
    facesIn: (collectionId: string): readonly StoredFace[] => collections.get(collectionId) ?? [],
    /** Adds faces straight to a collection (creating it), to test paging without indexing thousands of photos. */
    seedFaces(collectionId: string, externalImageId: string, count: number, colour: FaceColour = 'black'): void {
      const faces = collections.get(collectionId) ?? [];
      const box = { Left: 0.25, Top: 0.25, Width: 0.5, Height: 0.5 };
      for (let i = 0; i < count; i++) {
        faces.push({
          FaceId: randomUUID(),
          ImageId: randomUUID(),
          ExternalImageId: externalImageId,
          BoundingBox: box,
          Confidence: 99.9,
          colour,
        });
      }
      collections.set(collectionId, faces);
    },
    /** Deletes a collection behind the adapter's back, as an operator might. */
    deleteCollection: (collectionId: string): boolean => collections.delete(collectionId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeRekognition = Awaited<ReturnType<typeof startFakeRekognition>>;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
