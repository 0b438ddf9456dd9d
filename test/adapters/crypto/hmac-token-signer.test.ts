import { describe, expect, it } from 'vitest';
import { HmacTokenSigner } from '../../../adapters/crypto/hmac-token-signer';
import { tokenSignerContract } from '../../contracts/token-signer.contract';

tokenSignerContract('HMAC-SHA256', async (secret) => new HmacTokenSigner(secret));

describe('HmacTokenSigner', () => {
  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new HmacTokenSigner('short')).toThrow(/at least 32 bytes/);
  });

  it('refuses a correctly signed payload whose claims are not valid (e.g. an id with a slash)', async () => {
    const { createHmac } = await import('node:crypto');
    const secret = 'x'.repeat(32);
    const payload = Buffer.from(JSON.stringify({ h: 'a/b', d: 'd', r: 'resident', iat: 1, exp: 2 })).toString('base64url');
    const signature = createHmac('sha256', secret).update(`v1.${payload}`).digest('base64url');
    expect(await new HmacTokenSigner(secret).verify(`v1.${payload}.${signature}`)).toBeUndefined();
  });
});
