import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../../adapters/lambda/telemetry';
import { householdId } from '../../../domain/ids';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../../infrastructure/local/local-doorbell';
import { deviceToken, requestUploadLink } from '../../support/local-doorbell-moves';
import { sample } from '../../support/sample-photos';
import { SocketDevice as Device } from '../../support/socket-device';
import { testCertificate, type TestCertificate } from '../../support/test-certificate';

let doorbell: RunningLocalDoorbell;
let certificate: TestCertificate;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One HTTPS request trusting only the test's certificate (as a phone trusts the household's CA). */
function https(url: string, options: { method?: string; headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, ca: certificate.cert }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

beforeAll(async () => {
  certificate = await testCertificate();
  doorbell = await startLocalDoorbell({
    port: 0,
    host: '127.0.0.1',
    tls: { cert: certificate.cert, key: certificate.key },
    telemetry: SILENT_TELEMETRY,
    settings: { debounceWindow: 0 },
  });
  await doorbell.container
    .get(TOKENS.Enroll)
    .execute({ householdId: householdId(doorbell.householdId), name: 'Alice', photos: [sample('alice-1.jpg')] });
});
afterAll(() => doorbell?.stop());

describe('the local doorbell over TLS (HTTPS and WSS with the given certificate)', () => {
  it('links with https and wss', () => {
    expect(doorbell.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(doorbell.webSocketUrl).toBe(doorbell.httpUrl.replace('https:', 'wss:'));
    expect(doorbell.dashboardUrl).toBe(`${doorbell.httpUrl}/dashboard/`);
  });

  it('serves the dashboard over HTTPS, and its config.json names the wss WebSocket', async () => {
    const page = await https(doorbell.dashboardUrl);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const config = await https(`${doorbell.dashboardUrl}config.json`);
    expect(JSON.parse(config.body.toString('utf8'))).toEqual({ webSocketUrl: doorbell.webSocketUrl });
  });

  it('is refused by a client that does not trust the certificate', async () => {
    await expect(new Promise((resolve, reject) => request(doorbell.dashboardUrl, resolve).on('error', reject).end())).rejects.toThrow(
      /self[- ]signed|unable to verify/i,
    );
  });

  it('rings a resident over wss: upload over https, the ring with an https snapshot link', async () => {
    const trust = { ca: certificate.cert };
    const phone = await Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'resident', 'Phone'), trust);
    const camera = await Device.open(doorbell.webSocketUrl, await deviceToken(doorbell, 'doorbell', 'front door'), trust);
    const photo = sample('alice-2.jpg');

    const link = await requestUploadLink(camera, photo.byteLength);
    expect(link.url.startsWith(`${doorbell.httpUrl}/photos/`)).toBe(true);
    expect((await https(link.url, { method: 'PUT', headers: link.headers, body: photo })).status).toBe(200);

    const ring = await phone.next((message) => message.type === 'ring' && message['ringId'] === link.ringId);
    expect(ring).toMatchObject({ outcome: 'known', text: 'Alice is at the front door' });
    const snapshotUrl = String(ring['snapshotUrl']);
    expect(snapshotUrl.startsWith(`${doorbell.httpUrl}/photos/`)).toBe(true);
    expect([...(await https(snapshotUrl)).body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    [phone, camera].forEach((device) => device.socket.close());
  });

  it("lets its own pages connect from every name the certificate is valid for, and refuses other sites' pages", async () => {
    const token = await deviceToken(doorbell, 'resident', 'Dashboard');
    const port = new URL(doorbell.httpUrl).port;
    for (const origin of [`https://127.0.0.1:${port}`, `https://localhost:${port}`, `https://doorbell.test:${port}`]) {
      const page = await Device.open(doorbell.webSocketUrl, token, { ca: certificate.cert, origin });
      page.socket.close();
    }
    await expect(Device.open(doorbell.webSocketUrl, token, { ca: certificate.cert, origin: 'https://evil.example' })).rejects.toThrow(
      'refused 403',
    );
    // The plain-HTTP origin of the same port is not its own any more: pages come over HTTPS.
    await expect(Device.open(doorbell.webSocketUrl, token, { ca: certificate.cert, origin: `http://127.0.0.1:${port}` })).rejects.toThrow(
      'refused 403',
    );
  });
});
