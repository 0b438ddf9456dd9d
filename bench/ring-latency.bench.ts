import { DeviceSocket } from '../adapters/cli/device-socket';
import { SILENT_TELEMETRY } from '../adapters/lambda/telemetry';
import { householdId } from '../domain/ids';
import { TOKENS } from '../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../infrastructure/local/local-doorbell';
import { sample } from '../test/support/sample-photos';
import type { Benchmark } from './section';
import { verdict } from './section';
import { fixed, median, percentile, ratio, times } from './stats';

const TARGET_P50_MS = 50;
const TARGET_P99_MS = 200;
const WAIT_MS = 10_000;

const elapsedSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function deviceToken(doorbell: RunningLocalDoorbell, role: 'resident' | 'doorbell', name: string): Promise<string> {
  const issued = await doorbell.container
    .get(TOKENS.IssueDeviceToken)
    .execute({ householdId: householdId(doorbell.householdId), role, name });
  if (issued.kind !== 'issued') throw new Error(`no token: ${issued.reason}`);
  return issued.token;
}

/** One ring as the doorbell device makes it; times to the resident's `ring` message from the press and from the upload. */
async function ringOnce(camera: DeviceSocket, resident: DeviceSocket, photo: Uint8Array) {
  const pressed = process.hrtime.bigint();
  camera.send({ action: 'requestUpload', contentLength: photo.byteLength });
  const grant = await camera.next('uploadUrl', WAIT_MS, 'the upload URL');
  const arrived = resident.next('ring', WAIT_MS, 'the ring', (ring) => ring.ringId === grant.ringId);
  const uploading = process.hrtime.bigint();
  const response = await fetch(grant.url, { method: 'PUT', headers: grant.headers, body: photo });
  if (!response.ok) throw new Error(`upload refused: ${response.status}`);
  await arrived;
  return { fromPressMs: elapsedSince(pressed), fromUploadMs: elapsedSince(uploading) };
}

export const ringLatency: Benchmark = {
  id: 'ring-latency',
  title: 'Ring → notification latency (local stack)',
  async run({ quick }) {
    const rings = quick ? 20 : 220;
    const warmUp = quick ? 3 : 10;
    const doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, settings: { debounceWindow: 0 } });
    const home = householdId(doorbell.householdId);
    await doorbell.container.get(TOKENS.Enroll).execute({ householdId: home, name: 'Alice', photos: [sample('alice-1.jpg')] });
    const resident = await DeviceSocket.connect(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'));
    const camera = await DeviceSocket.connect(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'));
    const photo = sample('alice-2.jpg');
    const fromPress: number[] = [];
    const fromUpload: number[] = [];
    const pings: number[] = [];
    try {
      for (let index = 0; index < warmUp + rings; index += 1) {
        // The baseline, interleaved: one WebSocket round trip through the gateway and the on-message handler.
        const pinged = process.hrtime.bigint();
        resident.send({ action: 'ping' });
        await resident.next('pong', WAIT_MS, 'pong');
        const ping = elapsedSince(pinged);
        const timing = await ringOnce(camera, resident, photo);
        if (index < warmUp) continue;
        pings.push(ping);
        fromPress.push(timing.fromPressMs);
        fromUpload.push(timing.fromUploadMs);
      }
    } finally {
      resident.close();
      camera.close();
      await doorbell.stop();
    }
    const p50 = percentile(fromUpload, 0.5);
    const p99 = percentile(fromUpload, 0.99);
    const pingMs = median(pings);
    return {
      id: 'ring-latency',
      title: 'Ring → notification latency (local stack)',
      figures: [
        {
          name: `upload → resident's ring message, p50 / p99 over ${rings} rings`,
          value: `${fixed(p50)} ms / ${fixed(p99)} ms`,
          baseline: `ping round trip ${fixed(pingMs, 2)} ms (p50 ${times(ratio(p50, pingMs))})`,
          target: `p50 ≤ ${TARGET_P50_MS} ms, p99 ≤ ${TARGET_P99_MS} ms`,
          verdict: verdict(p50 <= TARGET_P50_MS && p99 <= TARGET_P99_MS),
        },
        {
          name: "press (requestUpload) → resident's ring message, p50 / p99",
          value: `${fixed(percentile(fromPress, 0.5))} ms / ${fixed(percentile(fromPress, 0.99))} ms`,
          baseline: `ping round trip ${fixed(pingMs, 2)} ms`,
          target: '',
          verdict: 'info',
        },
      ],
      tables: [
        {
          columns: ['measured from', 'p50 ms', 'p99 ms', 'min ms', 'max ms'],
          rows: [
            ['upload starts (PUT sent)', fixed(p50), fixed(p99), fixed(Math.min(...fromUpload)), fixed(Math.max(...fromUpload))],
            [
              'press (requestUpload sent)',
              fixed(percentile(fromPress, 0.5)),
              fixed(percentile(fromPress, 0.99)),
              fixed(Math.min(...fromPress)),
              fixed(Math.max(...fromPress)),
            ],
            [
              'ping round trip (baseline)',
              fixed(percentile(pings, 0.5), 2),
              fixed(percentile(pings, 0.99), 2),
              fixed(Math.min(...pings), 2),
              fixed(Math.max(...pings), 2),
            ],
          ],
        },
      ],
      notes: [
        `The local doorbell (\`startLocalDoorbell\`, in-memory adapters) with a resident device and a doorbell device on real ` +
          `WebSockets, as \`doorbell listen\` and \`doorbell ring\` are. ${rings} rings one after another (after ${warmUp} of warm-up), ` +
          "each the doorbell's own sequence: `requestUpload`, the PUT of the photo (a sample photo of Alice, who is enrolled, " +
          'so each ring is identified as known), then the resident receives ' +
          '`ring`. Measured from the moment the PUT is sent (the upload of a ' +
          "few KB on loopback is included) and from the press, to the arrival of the resident's `ring` frame; in between run the " +
          'photo route, the "Object Created" event, the deployed workflow definition (aws-local-stepfunctions) with the Identify ' +
          'and Announce handlers, and the push through the real management-API client.',
        'The debounce window is set to 0 (`settings: { debounceWindow: 0 }`): otherwise presses of one doorbell within 30 s fold ' +
          'into one ring and only the first would be announced. Baseline in the same run: a `ping` → `pong` round trip of ' +
          'the resident, interleaved with the rings.',
      ],
      data: { rings, fromUploadMs: fromUpload, fromPressMs: fromPress, pingMs: pings },
    };
  },
};
