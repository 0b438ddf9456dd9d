import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceTokenClaims } from '../../domain/device-token';
import type { TokenSigner } from '../../domain/ports/token-signer';
import { aDeviceId, aHouseholdId, T0 } from '../support/builders';

const claims = (): DeviceTokenClaims => ({
  householdId: aHouseholdId(),
  deviceId: aDeviceId(),
  role: 'resident',
  issuedAt: T0,
  expiresAt: T0 + 86_400_000,
});

/** `make(secret)`: signers made with the same secret trust each other's tokens; with another, never. */
export function tokenSignerContract(name: string, make: (secret: string) => Promise<TokenSigner>): void {
  describe(`TokenSigner: ${name}`, () => {
    const secret = 'a-deployment-secret-of-at-least-32-bytes!';

    it('verifies what it signed, claims intact, with a URL-safe token', async () => {
      const signer = await make(secret);
      const signed = claims();
      const token = await signer.sign(signed);
      expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
      expect(await (await make(secret)).verify(token)).toEqual(signed);
    });

    it('refuses a token signed with another secret', async () => {
      const token = await (await make(secret)).sign(claims());
      expect(await (await make(`${secret}-other`)).verify(token)).toBeUndefined();
    });

    it('refuses any single-character change to a token', async () => {
      const signer = await make(secret);
      const token = await signer.sign(claims());
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'AZaz09-_.x'), async (at, replacement) => {
          fc.pre(token[at] !== replacement);
          const tampered = token.slice(0, at) + replacement + token.slice(at + 1);
          expect(await signer.verify(tampered)).toBeUndefined();
        }),
      );
    });

    it('never throws on garbage, answering undefined', async () => {
      const signer = await make(secret);
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 2000 })), async (garbage) => {
          expect(await signer.verify(garbage)).toBeUndefined();
        }),
      );
      expect(await signer.verify(undefined as unknown as string)).toBeUndefined();
    });
  });
}
