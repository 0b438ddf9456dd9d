import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { CodeHasher } from '../../domain/ports/code-hasher';

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface ScryptCodeHasherOptions {
  /** scrypt's CPU/memory cost N (a power of two); 2^14 by default, as Node's. Tests may lower it. */
  readonly cost?: number;
}

/**
 * Access codes hashed with scrypt and a 16-byte random salt (both base64url), compared with `timingSafeEqual`.
 * A 6-digit code has only a million values, so the hash alone would not resist a determined offline attack: the
 * codes' short life, single use and attempt limit are the real protection; the salted slow hash keeps a leaked
 * table from giving live codes away at a glance.
 */
export class ScryptCodeHasher implements CodeHasher {
  private readonly options: ScryptOptions;

  constructor(options: ScryptCodeHasherOptions = {}) {
    this.options = { N: options.cost ?? 16_384, r: 8, p: 1 };
  }

  newSalt(): string {
    return randomBytes(SALT_BYTES).toString('base64url');
  }

  async hash(code: string, salt: string): Promise<string> {
    return (await this.derive(code, salt)).toString('base64url');
  }

  async matches(code: string, salt: string, hash: string): Promise<boolean> {
    if (typeof code !== 'string' || typeof salt !== 'string' || typeof hash !== 'string') return false;
    if (!BASE64URL.test(salt) || !BASE64URL.test(hash)) return false;
    const expected = Buffer.from(hash, 'base64url');
    if (expected.length !== KEY_BYTES) return false;
    const actual = await this.derive(code, salt);
    return timingSafeEqual(actual, expected);
  }

  private derive(code: string, salt: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      scrypt(code, Buffer.from(salt, 'base64url'), KEY_BYTES, this.options, (error, key) => (error ? reject(error) : resolve(key)));
    });
  }
}
