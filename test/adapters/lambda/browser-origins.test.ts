import { describe, expect, it } from 'vitest';
import { makeAuthorizerHandler } from '../../../adapters/lambda/authorizer-handler';
import { allowedOrigins, judgeOrigin } from '../../../adapters/lambda/browser-origins';
import { allowedOriginsFromEnvironment, ConfigError } from '../../../infrastructure/di/config';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { recordingTelemetry } from './recording-telemetry';
import { authorizerRequest } from './websocket-fixtures';

const ALLOWED = allowedOrigins(['https://door.example.com', 'http://127.0.0.1:8080']);

describe('judgeOrigin', () => {
  it('lets clients without an Origin through, and the allowed origins in any spelling of the same origin', () => {
    expect(judgeOrigin({}, {}, ALLOWED)).toBe('no-origin');
    expect(judgeOrigin(undefined, undefined, ALLOWED)).toBe('no-origin');
    expect(judgeOrigin({ origin: 'https://door.example.com' }, undefined, ALLOWED)).toBe('allowed');
    expect(judgeOrigin({ Origin: 'HTTPS://Door.Example.com:443' }, undefined, ALLOWED)).toBe('allowed');
    expect(judgeOrigin({ Origin: 'http://127.0.0.1:8080' }, { Origin: ['http://127.0.0.1:8080'] }, ALLOWED)).toBe('allowed');
  });

  it('refuses other origins, opaque ones, garbage and several Origin headers', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:8081', 'null', '', 'file:///x', 'https://door.example.com.evil']) {
      expect({ origin, verdict: judgeOrigin({ Origin: origin }, undefined, ALLOWED) }).toEqual({ origin, verdict: 'refused' });
    }
    const twice = { Origin: ['https://evil.example', 'https://door.example.com'] };
    expect(judgeOrigin({ Origin: 'https://door.example.com' }, twice, ALLOWED)).toBe('refused');
  });

  it('is configured from ALLOWED_ORIGINS, and a bad entry is a configuration error naming the variable', () => {
    expect(allowedOriginsFromEnvironment({})).toBeUndefined();
    expect(allowedOriginsFromEnvironment({ ALLOWED_ORIGINS: ' https://a.example , https://b.example:8443 ' })).toEqual(
      new Set(['https://a.example', 'https://b.example:8443']),
    );
    expect(() => allowedOriginsFromEnvironment({ ALLOWED_ORIGINS: 'https://a.example,door' })).toThrow(ConfigError);
    expect(() => allowedOriginsFromEnvironment({ ALLOWED_ORIGINS: 'https://a.example,door' })).toThrow(/ALLOWED_ORIGINS/);
  });
});

describe('the $connect authorizer with an origin allow-list', () => {
  async function setUp() {
    const doorbell = inMemoryDoorbell({}, { tokenSecret: 'the-deployment-secret-of-at-least-32-bytes' });
    const recording = recordingTelemetry();
    const authorize = doorbell.get(TOKENS.AuthorizeConnection);
    const handler = makeAuthorizerHandler({ authorize, telemetry: recording.telemetry, allowedOrigins: ALLOWED });
    const issued = await doorbell.get(TOKENS.IssueDeviceToken).execute({ householdId: HOME, role: 'resident', name: 'Phone' });
    if (issued.kind !== 'issued') throw new Error(issued.reason);
    return { handler, recording, token: issued.token };
  }
  const withOrigin = (token: string, origin: string) => {
    const event = authorizerRequest(token);
    event['headers'] = { ...(event['headers'] as object), Origin: origin };
    event['multiValueHeaders'] = { ...(event['multiValueHeaders'] as object), Origin: [origin] };
    return event;
  };

  it('denies a good token from another origin, allows it from an allowed one', async () => {
    const { handler, recording, token } = await setUp();

    const foreign = await handler(withOrigin(token, 'https://evil.example'));
    const own = await handler(withOrigin(token, 'https://door.example.com'));

    expect(foreign.policyDocument.Statement[0].Effect).toBe('Deny');
    expect(own.policyDocument.Statement[0].Effect).toBe('Allow');
    expect(recording.total('ConnectionsDenied')).toBe(1);
  });

  it('denies a token given twice, even the same one', async () => {
    const { handler, token } = await setUp();
    const event = authorizerRequest(token);
    event['multiValueQueryStringParameters'] = { token: [token, token] };

    expect((await handler(event)).policyDocument.Statement[0].Effect).toBe('Deny');
  });
});
