import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesIamPattern } from '../../../adapters/local-gateway/iam-wildcard';

const exact = { ignoreCase: false };

describe('matchesIamPattern', () => {
  it('matches a pattern without wildcards against itself only, regex characters included', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[*?]/.test(s)),
        fc.string(),
        (pattern, other) => {
          expect(matchesIamPattern(pattern, pattern, exact)).toBe(true);
          if (other !== pattern) expect(matchesIamPattern(pattern, other, exact)).toBe(false);
        },
      ),
    );
  });

  it('lets * stand for any run of characters, slashes and newlines included', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (prefix, middle, suffix) => {
        const clean = (s: string) => s.replace(/[*?]/g, '');
        expect(matchesIamPattern(`${clean(prefix)}*${clean(suffix)}`, `${clean(prefix)}${middle}${clean(suffix)}`, exact)).toBe(true);
      }),
    );
  });

  it('lets ? stand for exactly one character', () => {
    expect(matchesIamPattern('a?c', 'abc', exact)).toBe(true);
    expect(matchesIamPattern('a?c', 'ac', exact)).toBe(false);
    expect(matchesIamPattern('a?c', 'abbc', exact)).toBe(false);
  });

  it('compares case-insensitively only when told (actions), exactly otherwise (ARNs)', () => {
    expect(matchesIamPattern('execute-api:invoke', 'execute-api:Invoke', { ignoreCase: true })).toBe(true);
    expect(matchesIamPattern('arn:aws:execute-api:local:0:API/prod/*', 'arn:aws:execute-api:local:0:api/prod/$connect', exact)).toBe(false);
  });
});
