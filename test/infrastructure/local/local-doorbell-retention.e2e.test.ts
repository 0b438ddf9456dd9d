import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../adapters/in-memory/manual-clock';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { householdId, type DeviceId } from '../../../domain/ids';
import { photoGoneBy, ringExpiresAt } from '../../../domain/retention';
import { days, hours } from '../../../domain/time';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { LOCAL_TABLES, localDynamoDbClient, openLocalData } from '../../../infrastructure/local/local-data';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { recordingTelemetry } from '../../adapters/lambda/recording-telemetry';
import { sample } from '../../support/sample-photos';

const HOME = householdId('home');
const T0 = Date.UTC(2026, 10, 25, 12);
const RETENTION_DAYS = 1;

/** Rings as the doorbell does (an upload link, then the PUT) and waits until the ring is in the history. */
async function ring(
  doorbell: RunningLocalDoorbell,
  doorbellId: DeviceId,
  photo: Uint8Array,
): Promise<{ ringId: string; photoKey: string }> {
  const get = doorbell.container.get.bind(doorbell.container);
  const before = (await get(TOKENS.RingHistory).execute({ householdId: HOME })).rings.length;
  const grant = await get(TOKENS.RequestUpload).execute({
    householdId: HOME,
    deviceId: doorbellId,
    role: 'doorbell',
    contentLength: photo.byteLength,
  });
  if (grant.kind !== 'granted') throw new Error(grant.reason);
  expect((await fetch(grant.upload.url, { method: 'PUT', headers: grant.upload.headers, body: photo })).status).toBe(200);
  await expect.poll(async () => (await get(TOKENS.RingHistory).execute({ householdId: HOME })).rings.length).toBe(before + 1);
  return { ringId: grant.ringId, photoKey: grant.photoKey };
}

describe('the local doorbell keeps ring photos only as long as the deployed bucket would', () => {
  it('deletes a photo file past its retention, periodically and at start, keeps a fresh one, and its link then says 404', async () => {
    // Prepare: two rings 20 hours apart, kept one day; snapshot links that outlive the retention.
    const dataDir = mkdtempSync(join(tmpdir(), 'doorbell-retention-'));
    const clock = new ManualClock(T0);
    const options = {
      port: 0,
      dataDir,
      clock,
      telemetry: SILENT_TELEMETRY,
      settings: { retentionDays: RETENTION_DAYS, snapshotLinkExpiry: days(7) },
    };
    const photoFile = (key: string) => join(dataDir, 'photos', encodeURIComponent(key));
    const first = await startLocalDoorbell({ ...options, photoSweepInterval: 20 });
    let running: RunningLocalDoorbell | undefined = first;
    try {
      const get = first.container.get.bind(first.container);
      const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: 'front door' });
      if (camera.kind !== 'registered') throw new Error(camera.reason);
      const old = await ring(first, camera.device.id, sample('alice-2.jpg'));
      clock.advance(hours(20));
      const fresh = await ring(first, camera.device.id, sample('bob.jpg'));
      const history = (await get(TOKENS.RingHistory).execute({ householdId: HOME })).rings;
      const linkOf = (ringId: string) => history.find((r) => r.ringId === ringId)?.snapshotUrl ?? '';
      expect((await fetch(linkOf(old.ringId))).status).toBe(200);
      expect((await fetch(linkOf(fresh.ringId))).status).toBe(200);

      // Act: the first photo's deadline (midnight UTC after its ring expired) comes; the periodic sweep runs.
      clock.set(photoGoneBy(T0, RETENTION_DAYS));

      // Assess: its file goes, the fresh one stays (its ring is still retained), and the old link finds nothing.
      await expect.poll(() => existsSync(photoFile(old.photoKey))).toBe(false);
      expect(existsSync(photoFile(fresh.photoKey))).toBe(true);
      expect((await fetch(linkOf(old.ringId))).status).toBe(404);
      expect((await fetch(linkOf(fresh.ringId))).status).toBe(200);
      const { rings } = await get(TOKENS.RingHistory).execute({ householdId: HOME });
      expect(rings.map((r) => r.ringId)).toEqual([fresh.ringId]);
      await first.stop();
      running = undefined;

      // Act: the second photo's deadline passes while the doorbell is stopped; it starts again (hourly sweeps).
      clock.set(photoGoneBy(T0 + hours(20), RETENTION_DAYS));
      running = await startLocalDoorbell(options);

      // Assess: swept at start, before anything else could serve it.
      expect(readdirSync(join(dataDir, 'photos'))).toEqual([]);
    } finally {
      await running?.stop();
    }
  }, 30_000);

  it('deletes expired ring rows from the data folder tables, as DynamoDB TTL does, while running and at start', async () => {
    // Prepare: a ring kept one day, on a doorbell that deletes expired items every 20 ms.
    const dataDir = mkdtempSync(join(tmpdir(), 'doorbell-ttl-'));
    const clock = new ManualClock(T0);
    const { telemetry, logs } = recordingTelemetry();
    const options = { port: 0, dataDir, clock, telemetry, settings: { retentionDays: RETENTION_DAYS } };
    let running: RunningLocalDoorbell | undefined = await startLocalDoorbell({ ...options, timeToLiveSweepInterval: 20 });
    try {
      const get = running.container.get.bind(running.container);
      const camera = await get(TOKENS.RegisterDevice).execute({ householdId: HOME, role: 'doorbell', name: 'front door' });
      if (camera.kind !== 'registered') throw new Error(camera.reason);
      const old = await ring(running, camera.device.id, sample('alice-2.jpg'));
      const expiredRings = () =>
        logs.filter((log) => log.message === 'expired items deleted' && log.fields?.['table'] === 'doorbell-rings');

      // Act: the ring's retention ends while the doorbell runs.
      clock.set(ringExpiresAt(T0, RETENTION_DAYS) + hours(1));

      // Assess: a periodic pass deletes its row.
      await expect.poll(expiredRings).toEqual([expect.objectContaining({ fields: { table: 'doorbell-rings', count: 1 } })]);
      const fresh = await ring(running, camera.device.id, sample('bob.jpg'));
      await running.stop();
      running = undefined;

      // Act: the second ring's retention ends while the doorbell is stopped; it starts, runs its first pass, and stops.
      clock.set(ringExpiresAt(clock.now(), RETENTION_DAYS) + hours(1));
      running = await startLocalDoorbell(options);
      await expect.poll(() => expiredRings().length).toBe(2);
      await running.stop();
      running = undefined;

      // Assess: the pass at start deleted it; no ring row is left on disk, nor any other expired item.
      const rows = await tableRows(dataDir, clock.now());
      expect(rows.rings.map((item) => item['ringId'])).not.toContain(old.ringId);
      expect(rows.rings.map((item) => item['ringId'])).not.toContain(fresh.ringId);
      expect(rows.expired).toEqual([]);
      expect(logs.filter((log) => log.level === 'error' && String(log.message).startsWith('expired'))).toEqual([]);
    } finally {
      await running?.stop();
    }
  }, 30_000);

  it('forget deletes the enrolled faces from the data folder; enrolment photos are never kept as files', async () => {
    // Prepare
    const dataDir = mkdtempSync(join(tmpdir(), 'doorbell-forget-'));
    const doorbell = await startLocalDoorbell({ port: 0, dataDir, telemetry: SILENT_TELEMETRY });
    try {
      const get = doorbell.container.get.bind(doorbell.container);
      const enrolled = await get(TOKENS.Enroll).execute({
        householdId: HOME,
        name: 'Alice',
        trusted: true,
        photos: [sample('alice-1.jpg')],
      });
      if (enrolled.kind !== 'enrolled') throw new Error(enrolled.kind);
      const facesFile = join(dataDir, 'faces.json');
      expect(readFileSync(facesFile, 'utf8')).toContain(enrolled.visitor.id);
      expect(readdirSync(join(dataDir, 'photos'))).toEqual([]);

      // Act
      const forgotten = await get(TOKENS.Forget).execute({ householdId: HOME, name: 'Alice' });

      // Assess
      expect(forgotten.kind).toBe('forgotten');
      expect(readFileSync(facesFile, 'utf8')).not.toContain(enrolled.visitor.id);
      expect(await get(TOKENS.FaceRecognizer).scan(HOME, sample('alice-1.jpg'))).toMatchObject({ kind: 'faces', faces: [{ matches: [] }] });
    } finally {
      await doorbell.stop();
    }
  }, 30_000);
});

/** The data folder's ring rows, and every item of a table with TTL whose TTL is before `now`, read with the doorbell stopped. */
async function tableRows(dataDir: string, now: number) {
  const data = await openLocalData(dataDir);
  const client = DynamoDBDocumentClient.from(localDynamoDbClient(data.dynamoDbEndpoint));
  try {
    const scan = async (table: string) => (await client.send(new ScanCommand({ TableName: table }))).Items ?? [];
    const expired = [];
    for (const { name, definition } of Object.values(LOCAL_TABLES)) {
      if (definition.ttlAttribute === undefined) continue;
      const ttl = definition.ttlAttribute;
      expired.push(...(await scan(name)).filter((item) => typeof item[ttl] === 'number' && item[ttl] < Math.floor(now / 1_000)));
    }
    return { rings: await scan(LOCAL_TABLES.rings.name), expired };
  } finally {
    client.destroy();
    await data.close();
  }
}
