import { describe, expect, it } from 'vitest';
import { newConnectionId, requestTime } from '../../../adapters/local-gateway/aws-ids';
import { closedByClient, protocolViolation } from '../../../adapters/local-gateway/disconnect-causes';
import { gatewaySettings } from '../../../adapters/local-gateway/gateway-options';
import { missingIdentitySources, parseIdentitySource } from '../../../adapters/local-gateway/identity-source';
import { connectMethodArn } from '../../../adapters/local-gateway/websocket-events';

describe('API Gateway formats', () => {
  it("mints connection ids shaped like API Gateway's", () => {
    const ids = Array.from({ length: 500 }, newConnectionId);
    ids.forEach((id) => expect(id).toMatch(/^[A-Za-z0-9+/]{15}=$/));
    expect(new Set(ids).size).toBe(500);
  });

  it('writes requestTime in Common Log Format, UTC', () => {
    expect(requestTime(Date.UTC(2020, 11, 3, 9, 7, 5))).toBe('03/Dec/2020:09:07:05 +0000');
  });

  it('names the $connect resource of the stage in the methodArn', () => {
    expect(connectMethodArn('abc123', 'prod')).toBe('arn:aws:execute-api:local:000000000000:abc123/prod/$connect');
  });
});

describe('disconnect causes', () => {
  it.each([
    [1000, 1000, 'Client-side close frame status code'],
    [4001, 4001, 'Client-side close frame status code'],
    [1005, 1005, 'Client-side close frame status not set'],
    [1006, 1006, 'Connection Closed Abnormally'],
  ])('reports a client close with %i as %i %s', (code, statusCode, reason) => {
    expect(closedByClient(code)).toEqual({ statusCode, reason });
  });

  it('reports the library closing over an oversized message as 1009, bad UTF-8 as 1007, the rest as 1002', () => {
    expect(protocolViolation('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH').statusCode).toBe(1009);
    expect(protocolViolation('WS_ERR_INVALID_UTF8').statusCode).toBe(1007);
    expect(protocolViolation('WS_ERR_INVALID_OPCODE').statusCode).toBe(1002);
  });
});

describe('identity sources', () => {
  const request = { headers: { Authorization: 'Bearer x', 'X-Empty': '' }, queryStringParameters: { token: 't' } };

  it('finds header sources case-insensitively and query sources exactly', () => {
    const sources = ['route.request.header.authorization', 'route.request.querystring.token'].map(parseIdentitySource);
    expect(missingIdentitySources(sources, request)).toEqual([]);
  });

  it('counts an empty or absent value as missing', () => {
    const sources = ['route.request.header.X-Empty', 'route.request.querystring.Token'].map(parseIdentitySource);
    expect(missingIdentitySources(sources, request)).toEqual(['route.request.header.X-Empty', 'route.request.querystring.Token']);
  });

  it('refuses forms the gateway does not support', () => {
    expect(() => parseIdentitySource('stageVariables.secret')).toThrow(RangeError);
  });
});

describe('gatewaySettings', () => {
  it("defaults to API Gateway's quotas", () => {
    expect(gatewaySettings({ routes: {} })).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      stage: 'prod',
      idleTimeoutMs: 600_000,
      maxConnectionDurationMs: 7_200_000,
      maxMessageBytes: 131_072,
      integrationTimeoutMs: 29_000,
      heartbeatIntervalMs: 30_000,
    });
  });

  it.each([
    ['idleTimeoutMs', { idleTimeoutMs: 0 }],
    ['maxMessageBytes', { maxMessageBytes: Number.NaN }],
    ['heartbeatIntervalMs', { heartbeatIntervalMs: 2 ** 31 }],
    ['port', { port: 70_000 }],
    ['stage', { stage: 'a/b' }],
  ])('names %s when its value is unusable', (name, options) => {
    expect(() => gatewaySettings({ routes: {}, ...options })).toThrow(new RegExp(name));
  });
});
