import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDoorbell } from './doorbell-stacks';
import { functionGrants, type RoleGrants } from './function-grants';

/**
 * Every role's grants as synthesized when the stateless stack's permissions were rewritten as intent methods on the
 * constructs that own the resources: the rewrite, and any later one, may not widen (or quietly narrow) a single grant.
 * A deliberate change of permissions updates `fixtures/function-grants.json` in the same commit, where review sees it.
 */
const BASELINE = JSON.parse(readFileSync(new URL('./fixtures/function-grants.json', import.meta.url), 'utf8')) as RoleGrants;

describe('the grants of every role', () => {
  const { doorbell, stateless, stateful } = defaultDoorbell();
  const grants = functionGrants(doorbell, stateless, stateful);

  it.each(Object.keys(BASELINE))('%s: exactly the recorded actions, resources and conditions', (role) => {
    expect(grants[role]).toEqual(BASELINE[role]);
  });

  it('records every function and the workflow (a new function is recorded with its grants)', () => {
    expect(Object.keys(grants).sort()).toEqual(Object.keys(BASELINE).sort());
  });
});
