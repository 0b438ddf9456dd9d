import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/layer-violations/', import.meta.url));

/** `npm run check:layers` guards the real tree; this proves the rules it runs would catch a violation. */
describe('layer rules (dependency-cruiser)', () => {
  it('reject a core that imports adapters, frameworks or Node I/O', async () => {
    // With JSON output depcruise reports violations in the document (the exit code is for the `err` reporter).
    const { stdout } = await run(
      `${root}node_modules/.bin/depcruise`,
      ['domain', 'application', 'adapters', 'dashboard', 'door', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'json'],
      { cwd: fixture },
    );
    const report = JSON.parse(stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const violations = report.summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`,
    );
    expect(violations).toEqual(
      expect.arrayContaining([
        'domain-imports-only-domain: domain/impure-policy.ts → adapters/push-client.ts',
        'domain-imports-only-domain: domain/impure-policy.ts → application/ring-use-case.ts',
        'core-stays-free-of-frameworks-and-io: domain/impure-policy.ts → node_modules/inversify/lib/index.js',
        'core-has-no-node-io: domain/impure-policy.ts → fs',
        'application-imports-only-domain: application/ring-use-case.ts → adapters/push-client.ts',
        'door-imports-only-itself-the-shared-browser-code-domain-and-preact: door/src/leaky-door.ts → dashboard/src/resident-state.ts',
        'door-imports-only-itself-the-shared-browser-code-domain-and-preact: door/src/leaky-door.ts → adapters/push-client.ts',
        'nothing-imports-the-door-page: adapters/serves-door.ts → door/src/leaky-door.ts',
      ]),
    );
    // The connection code the pages share is the door page's to import.
    expect(violations.filter((violation) => violation.endsWith('dashboard/src/connection/device-connection.ts'))).toEqual([]);
  });
});
