import { describe, expect, it } from 'vitest';
import { ScryptCodeHasher } from '../../../adapters/crypto/scrypt-code-hasher';

describe('ScryptCodeHasher', () => {
  const hasher = new ScryptCodeHasher();

  it('matches the code it hashed, with its salt', async () => {
    const salt = hasher.newSalt();
    const hash = await hasher.hash('042917', salt);
    expect(await hasher.matches('042917', salt, hash)).toBe(true);
    expect(hash).not.toContain('042917');
  });

  it('refuses a wrong code, and the right code with another salt', async () => {
    const salt = hasher.newSalt();
    const hash = await hasher.hash('042917', salt);
    expect(await hasher.matches('042918', salt, hash)).toBe(false);
    expect(await hasher.matches('042917', hasher.newSalt(), hash)).toBe(false);
  });

  it('gives the same code different hashes under different salts, and fresh salts of 16 bytes', async () => {
    const [a, b] = [hasher.newSalt(), hasher.newSalt()];
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(16);
    expect(await hasher.hash('123456', a)).not.toBe(await hasher.hash('123456', b));
    expect(await hasher.hash('123456', a)).toBe(await hasher.hash('123456', a));
  });

  it('resolves false on malformed salts and hashes instead of throwing', async () => {
    const salt = hasher.newSalt();
    const hash = await hasher.hash('123456', salt);
    expect(await hasher.matches('123456', salt, 'short')).toBe(false);
    expect(await hasher.matches('123456', salt, `${hash}AA`)).toBe(false);
    expect(await hasher.matches('123456', 'not base64!', hash)).toBe(false);
    expect(await hasher.matches('123456', salt, '')).toBe(false);
  });
});
