import { describe, expect, it } from 'vitest';
import { HmacTokenSigner } from '../../../adapters/crypto/hmac-token-signer';
import { deviceId, householdId } from '../../../domain/ids';
import { tokenSignerContract } from '../../contracts/token-signer.contract';

tokenSignerContract('HMAC-SHA256', async (secret) => new HmacTokenSigner(secret));

describe('HmacTokenSigner', () => {
  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => new HmacTokenSigner('short')).toThrow(/at least 32 bytes/);
  });

  it("refuses every other spelling of the same signature bytes (last character's unused bits, + for -, / for _)", async () => {
    const signer = new HmacTokenSigner('x'.repeat(32));
    const token = await signer.sign({
      householdId: householdId('home-1'),
      deviceId: deviceId('phone-1'),
      role: 'resident',
      issuedAt: 1,
      expiresAt: 2,
    });
    const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lastChanged = [...base64url].filter((c) => c !== token.at(-1)).map((c) => token.slice(0, -1) + c);
    const standardAlphabet = [token.replaceAll('-', '+').replaceAll('_', '/')].filter((spelling) => spelling !== token);

    for (const spelling of [...lastChanged, ...standardAlphabet]) expect(await signer.verify(spelling)).toBeUndefined();
  });

  it('refuses a correctly signed payload whose claims are not valid (e.g. an id with a slash)', async () => {
    const { createHmac } = await import('node:crypto');
    const secret = 'x'.repeat(32);
    const payload = Buffer.from(JSON.stringify({ h: 'a/b', d: 'd', r: 'resident', iat: 1, exp: 2 })).toString('base64url');
    const signature = createHmac('sha256', secret).update(`v1.${payload}`).digest('base64url');
    expect(await new HmacTokenSigner(secret).verify(`v1.${payload}.${signature}`)).toBeUndefined();
  });
});
