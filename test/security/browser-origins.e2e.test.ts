import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_TELEMETRY } from '../../adapters/lambda/telemetry';
import { SECURITY_HEADERS } from '../../adapters/local-http/http-io';
import { startLocalDoorbell, type RunningLocalDoorbell } from '../../infrastructure/local/local-doorbell';
import { handshakeStatus } from '../adapters/local-gateway/gateway-harness';
import { deviceToken } from '../support/local-doorbell-moves';

/**
 * Defence in depth for browsers, at the local doorbell's handshake: a browser page may connect only from the
 * doorbell's own origin or a configured one (clients without an Origin header, like the CLI, are not concerned); a
 * token given twice is refused rather than one of them picked; and error answers carry the security headers.
 */
const CONFIGURED = 'https://door.example.com';

let doorbell: RunningLocalDoorbell;
let token: string;
beforeAll(async () => {
  doorbell = await startLocalDoorbell({ port: 0, telemetry: SILENT_TELEMETRY, allowedOrigins: [CONFIGURED] });
  token = await deviceToken(doorbell, 'resident', 'Phone');
});
afterAll(() => doorbell?.stop());

const connectFrom = async (origin: string | undefined) => {
  const url = `${doorbell.webSocketUrl}?token=${encodeURIComponent(token)}`;
  return (await handshakeStatus(url, origin === undefined ? {} : { Origin: origin })).status;
};

describe('the handshake, by Origin', () => {
  it("admits clients without an Origin, the doorbell's own pages and the configured origins", async () => {
    const own = new URL(doorbell.httpUrl).origin;

    expect({
      none: await connectFrom(undefined),
      own: await connectFrom(own),
      localhost: await connectFrom(own.replace('127.0.0.1', 'localhost')),
      configured: await connectFrom(CONFIGURED),
      configuredWithDefaultPort: await connectFrom(`${CONFIGURED}:443`),
    }).toEqual({ none: 101, own: 101, localhost: 101, configured: 101, configuredWithDefaultPort: 101 });
  });

  it('refuses pages of any other origin with 403, even with a good token', async () => {
    expect({
      otherSite: await connectFrom('https://evil.example'),
      lookAlike: await connectFrom('https://door.example.com.evil.example'),
      otherScheme: await connectFrom('http://door.example.com'),
      opaque: await connectFrom('null'),
      garbage: await connectFrom('not an origin'),
    }).toEqual({ otherSite: 403, lookAlike: 403, otherScheme: 403, opaque: 403, garbage: 403 });
  });
});

describe('the handshake, by token', () => {
  it('refuses a token given twice (403), whichever of the two is good', async () => {
    const good = encodeURIComponent(token);
    const url = (query: string) => `${doorbell.webSocketUrl}?${query}`;

    expect({
      same: (await handshakeStatus(url(`token=${good}&token=${good}`))).status,
      goodLast: (await handshakeStatus(url(`token=bogus&token=${good}`))).status,
      goodFirst: (await handshakeStatus(url(`token=${good}&token=bogus`))).status,
      once: (await handshakeStatus(url(`token=${good}`))).status,
    }).toEqual({ same: 403, goodLast: 403, goodFirst: 403, once: 101 });
  });
});

describe('error answers over HTTP', () => {
  it("carry the dashboard's security headers", async () => {
    const [notFound, refusedKey] = await Promise.all([
      fetch(`${doorbell.httpUrl}/no-such-page`),
      fetch(`${doorbell.httpUrl}/admin/visitors`),
    ]);

    expect([notFound.status, refusedKey.status]).toEqual([404, 401]);
    for (const response of [notFound, refusedKey]) expect(Object.fromEntries(response.headers)).toMatchObject(SECURITY_HEADERS);
  });
});
