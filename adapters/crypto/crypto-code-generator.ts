import { randomInt } from 'node:crypto';
import { ACCESS_CODE_DIGITS } from '../../domain/access-code';
import type { CodeGenerator } from '../../domain/ports/code-generator';

const RANGE = 10 ** ACCESS_CODE_DIGITS;

/** Six digits from Node's CSPRNG (`crypto.randomInt`, uniform without modulo bias), zero-padded. */
export class CryptoCodeGenerator implements CodeGenerator {
  next(): string {
    return randomInt(0, RANGE).toString().padStart(ACCESS_CODE_DIGITS, '0');
  }
}
