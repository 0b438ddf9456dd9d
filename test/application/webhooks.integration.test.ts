import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalWebhookQueue } from '../../adapters/local-files/local-webhook-queue';
import type { WebhookWork } from '../../adapters/webhooks/webhook-work';
import type { WebhookDelivery } from '../../domain/webhooks/webhook-event';
import { IN_MEMORY } from '../../infrastructure/di/in-memory.module';
import { TOKENS } from '../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell, OTHER_HOME } from '../support/in-memory-doorbell';
import { sample } from '../support/sample-photos';
import { startReceiver, verifyDoorbellWebhook } from '../support/webhook-receiver';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function household(respond?: Parameters<typeof startReceiver>[0]) {
  const receiver = await startReceiver(respond);
  closers.push(receiver.close);
  const doorbell = inMemoryDoorbell();
  await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'));
  const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
  const added = await doorbell.get(TOKENS.AddWebhook).execute({ householdId: HOME, url: receiver.url, events: ['ring', 'answer'] });
  if (added.kind !== 'added') throw new Error(added.reason);
  const queue = doorbell.get(IN_MEMORY.WebhookQueue);
  /** Runs what the workflow queued: each event fanned out, each delivery attempted once. */
  const runQueued = async () => {
    for (const event of queue.events.splice(0)) await doorbell.get(TOKENS.DispatchWebhookEvent).execute(event);
    const due = queue.deliveries.splice(0);
    return Promise.all(due.map(({ delivery }) => doorbell.get(TOKENS.DeliverWebhook).execute(delivery)));
  };
  return { doorbell, camera, receiver, secret: added.secret, webhookId: added.webhook.id, queue, runQueued };
}

describe('webhooks of a ring, through the deployed workflow definition run locally', () => {
  it('a ring reaches the receiver as a signed JSON delivery it verifies, with a link and no photo bytes', async () => {
    const { doorbell, camera, receiver, secret, runQueued, webhookId } = await household();
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect(await runQueued()).toEqual([{ kind: 'delivered', status: 200 }]);

    const [got] = receiver.received;
    expect(verifyDoorbellWebhook(secret, got!.headers, got!.body, doorbell.clock.now() / 1000)).toBe(true);
    expect(got!.headers['doorbell-event']).toBe('ring');
    const payload = JSON.parse(got!.body);
    expect(payload).toMatchObject({
      event: 'ring',
      householdId: HOME,
      outcome: 'known',
      text: 'Alice is at the front door',
      visitors: [{ name: 'Alice' }],
    });
    // The in-memory photo store's link (the local doorbell serves it over HTTP, S3 presigns it).
    expect(payload.snapshotUrl).toMatch(/^memory:\/\/photos\//);
    expect(got!.headers['doorbell-webhook-id']).toBe(`ring.${payload.ringId}.${webhookId}`);
    expect(payload.id).toBe(`ring.${payload.ringId}`);
    expect(got!.body.length).toBeLessThan(2_000);
  });

  it('the same S3 event three times delivers once', async () => {
    const { doorbell, camera, receiver, runQueued } = await household();
    const photoKey = await doorbell.press(camera.device, sample('alice-2.jpg'));
    await Promise.all([doorbell.objectCreated(photoKey), doorbell.objectCreated(photoKey), doorbell.objectCreated(photoKey)]);
    await runQueued();
    await runQueued();
    expect(receiver.received).toHaveLength(1);
  });

  it('another household rings: nothing reaches this household’s webhook', async () => {
    const { doorbell, receiver, runQueued } = await household();
    const otherCamera = await doorbell.connect(OTHER_HOME, 'doorbell', 'front door');
    await doorbell.ring(otherCamera.device, sample('alice-2.jpg'));
    await runQueued();
    expect(receiver.received).toHaveLength(0);
  });

  it('500 then 200: retried after a backoff with the same id and body, and the failure count resets', async () => {
    const { doorbell, camera, receiver, queue, runQueued, webhookId } = await household((_request, response, count) => {
      response.statusCode = count === 1 ? 500 : 204;
      response.end();
    });
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect(await runQueued()).toEqual([expect.objectContaining({ kind: 'retry-scheduled', outcome: 'status 500' })]);
    expect(queue.deliveries[0]?.delay).toBeGreaterThanOrEqual(5_000);
    expect((await doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME }))[0]).toMatchObject({ consecutiveFailures: 1 });

    expect(await runQueued()).toEqual([{ kind: 'delivered', status: 204 }]);
    const [first, second] = receiver.received;
    expect(second!.headers['doorbell-webhook-id']).toBe(first!.headers['doorbell-webhook-id']);
    expect(second!.body).toBe(first!.body);
    const [listed] = await doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME });
    expect(listed).toMatchObject({ id: webhookId, consecutiveFailures: 0, lastDelivery: { ok: true, outcome: 'delivered' } });
    expect(listed).not.toHaveProperty('secret');
  });

  it('two attempts failing at once both count: the failure count never drifts', async () => {
    const { doorbell, camera, runQueued } = await household((_request, response) => {
      response.statusCode = 500;
      response.end();
    });
    await doorbell.ring(camera.device, sample('alice-2.jpg'));
    doorbell.clock.advance(60_000);
    await doorbell.ring(camera.device, sample('stranger.jpg'));
    // Both deliveries are attempted concurrently: each read the webhook before the other counted its failure.
    expect(await runQueued()).toEqual([
      expect.objectContaining({ kind: 'retry-scheduled' }),
      expect.objectContaining({ kind: 'retry-scheduled' }),
    ]);
    expect((await doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME }))[0]).toMatchObject({ consecutiveFailures: 2 });
  });

  it("a receiver that keeps failing gets the delivery's attempts, then is disabled after enough of them, and enabled again by command", async () => {
    const { doorbell, camera, receiver, runQueued, webhookId } = await household((_request, response) => {
      response.statusCode = 503;
      response.end();
    });
    // Three rings of six attempts each: 18 consecutive failures, past the threshold of 15.
    for (let ring = 0; ring < 3; ring++) {
      doorbell.clock.advance(60_000);
      await doorbell.ring(camera.device, sample('alice-2.jpg'));
      for (let attempt = 0; attempt < 6; attempt++) await runQueued();
    }
    const [listed] = await doorbell.get(TOKENS.ListWebhooks).execute({ householdId: HOME });
    expect(listed?.disabledAt).toBeDefined();
    expect(receiver.received.length).toBe(15);
    const enabled = await doorbell.get(TOKENS.EnableWebhook).execute({ householdId: HOME, webhookId });
    expect(enabled).toMatchObject({ kind: 'enabled', webhook: { consecutiveFailures: 0 } });
    expect(enabled.kind === 'enabled' && enabled.webhook.disabledAt).toBeFalsy();
  });

  it('deliveries never fail the ring: a receiver down leaves the ring announced to every device', async () => {
    const { doorbell, camera, receiver, runQueued } = await household();
    await receiver.close();
    const phone = await doorbell.connect(HOME, 'resident', 'Phone');
    const run = await doorbell.ring(camera.device, sample('alice-2.jpg'));
    expect((run.final['announced'] as { kind: string }).kind).toBe('announced');
    expect(phone.received()).toEqual([expect.objectContaining({ type: 'ring', text: 'Alice is at the front door' })]);
    expect(await runQueued()).toEqual([expect.objectContaining({ kind: 'retry-scheduled' })]);
  });
});

describe('LocalWebhookQueue', () => {
  const delivery = (attempt = 1): WebhookDelivery => ({
    deliveryId: 'ring.r1.wh_1',
    householdId: HOME,
    webhookId: 'wh_1' as WebhookDelivery['webhookId'],
    event: 'ring',
    body: '{}',
    attempt,
  });

  it('keeps pending work in a private file and resumes it after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-queue-'));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'webhook-queue.json');
    const before = new LocalWebhookQueue({ file });
    await before.schedule(delivery(), 0);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const ran: WebhookWork[] = [];
    const after = new LocalWebhookQueue({ file });
    expect(after.pending).toBe(1);
    after.start(async (work) => {
      ran.push(work);
    });
    await after.settled();
    await after.stop();
    expect(ran).toEqual([{ kind: 'delivery', delivery: delivery() }]);
    expect(new LocalWebhookQueue({ file }).pending).toBe(0);
  });

  it('runs the same delivery attempt once, however often it is queued', async () => {
    const queue = new LocalWebhookQueue();
    let runs = 0;
    queue.start(async () => {
      runs++;
    });
    await queue.schedule(delivery(), 0);
    await queue.schedule(delivery(), 0);
    await queue.settled();
    await queue.schedule(delivery(), 0);
    await queue.settled();
    await queue.schedule(delivery(2), 0);
    await queue.settled();
    await queue.stop();
    expect(runs).toBe(2);
  });
});
