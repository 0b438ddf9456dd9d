import { createECDH, createPublicKey, verify } from 'node:crypto';
import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { generateVapidKeyPair, parseVapidKeyPair } from '../../../adapters/web-push/vapid-keys';

describe('generateVapidKeyPair', () => {
  it('makes pairs that read back, whose private half derives the public one, in the encoding web-push signs with', () => {
    // Prepare: enough pairs that a private scalar with a leading zero byte (1 in 256) is likely among them.
    const pairs = Array.from({ length: 600 }, generateVapidKeyPair);

    for (const pair of pairs) {
      // Assess: the stored form parses back, and the public point is the private scalar's.
      expect(parseVapidKeyPair(JSON.parse(JSON.stringify(pair)))).toEqual(pair);
      const derived = createECDH('prime256v1');
      derived.setPrivateKey(Buffer.from(pair.privateKey, 'base64url'));
      expect(derived.getPublicKey().toString('base64url')).toBe(pair.publicKey);
    }
    expect(new Set(pairs.map((pair) => pair.privateKey)).size).toBe(pairs.length);
  });

  it('signs a VAPID token through web-push that verifies with the public half', () => {
    const pair = generateVapidKeyPair();

    const headers = webpush.getVapidHeaders(
      'https://push.example.com',
      'mailto:doorbell@example.com',
      pair.publicKey,
      pair.privateKey,
      'aes128gcm',
    );

    const match = /^vapid t=([^,]+), k=(.+)$/.exec(String(headers.Authorization));
    expect(match?.[2]).toBe(pair.publicKey);
    const [header, payload, signature] = match![1]!.split('.');
    const point = Buffer.from(pair.publicKey, 'base64url');
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    const signed = Buffer.from(`${header}.${payload}`);
    expect(verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature!, 'base64url'))).toBe(true);
  });
});
