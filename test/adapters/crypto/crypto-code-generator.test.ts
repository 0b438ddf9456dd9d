import { describe, expect, it } from 'vitest';
import { CryptoCodeGenerator } from '../../../adapters/crypto/crypto-code-generator';
import { isWellFormedCode } from '../../../domain/access-code';

describe('CryptoCodeGenerator', () => {
  const generator = new CryptoCodeGenerator();

  it('makes six ASCII digits, leading zeros kept', () => {
    for (let n = 0; n < 2000; n++) expect(isWellFormedCode(generator.next())).toBe(true);
  });

  it('spreads codes over the whole range (sanity bounds with a failure chance far below 1e-9)', () => {
    const draws = 20_000;
    const codes = Array.from({ length: draws }, () => generator.next());
    // Leading digit: each of 10 buckets expects 2000; a 5σ-plus margin (σ≈42) makes a false failure astronomically rare.
    const leading = new Map<string, number>();
    for (const code of codes) leading.set(code[0]!, (leading.get(code[0]!) ?? 0) + 1);
    expect(leading.size).toBe(10);
    for (const count of leading.values()) expect(count).toBeGreaterThan(1600);
    for (const count of leading.values()) expect(count).toBeLessThan(2400);
    // Birthday bound: 20 000 draws from 10^6 expect ~200 collisions; far fewer distinct codes means a broken source.
    expect(new Set(codes).size).toBeGreaterThan(draws - 400);
    // Codes below 100000 (leading zero) must appear: ~10 % of draws.
    expect(codes.filter((code) => code.startsWith('0')).length).toBeGreaterThan(1600);
  });
});
