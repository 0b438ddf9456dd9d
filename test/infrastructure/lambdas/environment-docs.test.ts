import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_ROOTS, RING_SETTING_VARIABLES } from '../../../infrastructure/lambdas/functions';

/**
 * The README's table of environment variables (`| variable | read by | meaning |`, in the README or a docs/ page
 * it links) is checked against functions.ts, where each function's variables are declared: it names every one,
 * and none that no function reads.
 */
const PROJECT = new URL('../../../', import.meta.url);
/** Set by Lambda itself, named in the table for completeness. */
const FROM_LAMBDA = new Set(['AWS_REGION']);

function environmentTable(): string {
  const docs = existsSync(new URL('docs/', PROJECT))
    ? readdirSync(new URL('docs/', PROJECT))
        .filter((file) => file.endsWith('.md'))
        .map((file) => `docs/${file}`)
    : [];
  for (const file of ['README.md', ...docs]) {
    const lines = readFileSync(new URL(file, PROJECT), 'utf8').split('\n');
    const header = lines.findIndex((line) => /^\|\s*variable\s*\|\s*read by\s*\|/.test(line));
    if (header < 0) continue;
    const end = lines.findIndex((line, index) => index > header && !line.startsWith('|'));
    return lines.slice(header, end < 0 ? undefined : end).join('\n');
  }
  throw new Error('no `| variable | read by |` table in the README or docs/');
}

describe("the README's environment variables", () => {
  const table = environmentTable();
  const named = new Set([...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!));
  const read = new Set<string>([
    ...Object.values(LAMBDA_ROOTS).flatMap((root) => [...root.variables, ...root.optional]),
    ...RING_SETTING_VARIABLES,
  ]);

  it('names every variable a function reads', () => {
    expect([...read].filter((variable) => !named.has(variable))).toEqual([]);
  });

  it('names no variable that no function reads', () => {
    expect([...named].filter((variable) => !read.has(variable) && !FROM_LAMBDA.has(variable))).toEqual([]);
  });
});
