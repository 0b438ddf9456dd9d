import { mockClient } from 'aws-sdk-client-mock';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDeliverWebhooksHandler } from '../../../adapters/lambda/deliver-webhooks-handler';
import { SqsWebhookQueue } from '../../../adapters/sqs/sqs-webhook-queue';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { sample } from '../../support/sample-photos';
import { startReceiver, verifyDoorbellWebhook } from '../../support/webhook-receiver';
import { recordingTelemetry } from './recording-telemetry';

const QUEUE_URL = 'https://sqs.eu-west-1.amazonaws.com/123456789012/doorbell-webhooks';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setUp(respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  closers.push(receiver.close);
  const doorbell = inMemoryDoorbell();
  const sqs = mockClient(SQSClient);
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  closers.push(async () => sqs.restore());
  doorbell.container
    .rebind(TOKENS.WebhookQueue)
    .toConstantValue(new SqsWebhookQueue({ client: new SQSClient({ region: 'eu-west-1' }), queueUrl: QUEUE_URL }));
  const added = await doorbell.get(TOKENS.AddWebhook).execute({ householdId: HOME, url: receiver.url });
  if (added.kind !== 'added') throw new Error(added.reason);
  const { telemetry } = recordingTelemetry();
  const handler = makeDeliverWebhooksHandler({
    dispatch: doorbell.get(TOKENS.DispatchWebhookEvent),
    deliver: doorbell.get(TOKENS.DeliverWebhook),
    telemetry,
  });
  /** The messages the queue was sent, as SQS would hand them back to the function. */
  const sent = () =>
    sqs.commandCalls(SendMessageCommand).map((call, index) => ({
      messageId: `m${index}`,
      body: String(call.args[0].input.MessageBody),
      delay: call.args[0].input.DelaySeconds,
    }));
  return { doorbell, receiver, handler, sent, secret: added.secret };
}

describe('deliver-webhooks handler (SQS event source)', () => {
  it('fans a ring event out to a delivery message, then delivers it signed', async () => {
    const { doorbell, receiver, handler, sent, secret } = await setUp();
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    const ringId = (run.final['identified'] as { ringId: string }).ringId;

    // The workflow's QueueRingWebhooks state sent the event (locally bound to the container's queue: SQS here).
    const [event] = sent();
    expect(JSON.parse(event!.body)).toEqual({ kind: 'event', event: { event: 'ring', householdId: HOME, ringId } });
    expect(await handler({ Records: [event!] })).toEqual({ batchItemFailures: [] });
    const delivery = sent()[1];
    expect(delivery?.delay).toBe(0);
    expect(JSON.parse(delivery!.body)).toMatchObject({ kind: 'delivery', delivery: { attempt: 1, event: 'ring' } });

    expect(await handler({ Records: [delivery!] })).toEqual({ batchItemFailures: [] });
    expect(receiver.received).toHaveLength(1);
    expect(verifyDoorbellWebhook(secret, receiver.received[0]!.headers, receiver.received[0]!.body, doorbell.clock.now() / 1000)).toBe(
      true,
    );
  });

  it('re-sends a failed delivery with the backoff as DelaySeconds, without failing the message', async () => {
    const { handler, sent } = await setUp((_request, response) => {
      response.statusCode = 500;
      response.end();
    });
    const work = {
      kind: 'event',
      event: { event: 'access-code', householdId: HOME, attemptId: 'a1', at: 0, outcome: 'refused', reason: 'too-many-attempts' },
    };
    await handler({ Records: [{ messageId: 'e1', body: JSON.stringify(work) }] });
    const [first] = sent();
    // The keypad's reason survives the queue into the signed body.
    expect(JSON.parse(JSON.parse(first!.body).delivery.body)).toMatchObject({ outcome: 'refused', reason: 'too-many-attempts' });
    expect(await handler({ Records: [first!] })).toEqual({ batchItemFailures: [] });
    const retry = sent()[1]!;
    expect(JSON.parse(retry.body)).toMatchObject({ kind: 'delivery', delivery: { attempt: 2 } });
    expect(retry.delay).toBeGreaterThanOrEqual(5);
    expect(retry.delay).toBeLessThanOrEqual(900);
  });

  it('drops a message that is not webhook work, and reports one whose work throws so SQS retries it', async () => {
    const { telemetry } = recordingTelemetry();
    const handler = makeDeliverWebhooksHandler({
      dispatch: {
        execute: async () => {
          throw new Error('table down');
        },
      },
      deliver: { execute: async () => ({ kind: 'delivered', status: 200 }) },
      telemetry,
    });
    const bad = { messageId: 'bad', body: 'not json' };
    const foreign = {
      messageId: 'foreign',
      body: JSON.stringify({ kind: 'event', event: { event: 'ring', householdId: '../x', ringId: 'r1' } }),
    };
    const failing = {
      messageId: 'fails',
      body: JSON.stringify({ kind: 'event', event: { event: 'ring', householdId: HOME, ringId: 'r1' } }),
    };
    expect(await handler({ Records: [bad, foreign, failing] })).toEqual({ batchItemFailures: [{ itemIdentifier: 'fails' }] });
    expect(await handler({ not: 'sqs' })).toEqual({ batchItemFailures: [] });
  });
});
