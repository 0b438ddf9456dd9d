import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../dashboard/chromium';

/**
 * The browser tests skip only where `CI` is unset and there is no Chromium at CHROMIUM_PATH. CI must therefore set
 * `CI` itself (not rely on whatever runs it) and make sure of the browser at that very path, not somewhere on PATH.
 */
const script = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');

describe('.ci/run', () => {
  it('sets CI itself, before the tests run', () => {
    const setsCi = script.search(/^export CI=true$/m);
    expect(setsCi).toBeGreaterThan(-1);
    expect(setsCi).toBeLessThan(script.indexOf('npm test'));
  });

  it('installs and checks Chromium at the path the tests launch', () => {
    expect(script).toMatch(new RegExp(`^CHROMIUM=${CHROMIUM_PATH}$`, 'm'));
    expect(script).toMatch(/\[ -x "\$CHROMIUM" \] \|\| \{ apt-get update && apt-get install -y chromium; \}/);
    expect(script).not.toMatch(/command -v chromium/);
  });
});
