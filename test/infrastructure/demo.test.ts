import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../infrastructure/local/demo-scenario';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run demo', () => {
  it('shows what each device received for every kind of ring, and the vanished device pruned', async () => {
    const lines: string[] = [];
    await runDemo((line) => lines.push(line));
    const transcript = lines.join('\n');

    for (const text of [
      'Alice is at the front door',
      'An unknown visitor is at the front door',
      'Someone is at the front door, but no face is visible',
      'Alice and 1 unknown visitor are at the front door',
      'Bob is at the front door',
    ]) {
      expect(transcript).toContain(`Sam's phone       ◀ ring: "${text}"`);
    }
    expect(transcript).toMatch(/same S3 event arrives again.*\n.*was already recorded: no second notification/);
    expect(transcript).toMatch(
      /pressed again within the debounce window: the photo joins ring (\S+)\n.*ring \1 was already recorded: no second notification/,
    );
    expect(transcript).toMatch(/pruned: Kitchen dashboard \(conn-2\)/);
    expect(transcript).not.toContain('Kitchen dashboard ◀ ring: "Bob is at the front door"');
    expect(lines).toContain("  Sam's phone       5 rings: known, unknown, no-face, known, known");
    expect(lines).toContain('  Kitchen dashboard 4 rings: known, unknown, no-face, known');
    expect(lines).toContain("  connections still stored: Sam's phone (conn-1), front door (conn-3)");
    // Alice is trusted: her hosts' phones (not the door) get a code; Sam's quick reply reaches the door; the code opens once.
    expect(transcript).toMatch(/Sam's phone {7}◀ access code for Alice/);
    expect(transcript).not.toMatch(/front door {8}◀ access code/);
    // The door shows the reply, not who answered.
    expect(transcript).toContain('front door        ◀ reply: "coming"');
    expect(transcript).not.toContain('front door        ◀ answer');
    expect(transcript).not.toContain('front door        ◀ ring:');
    expect(transcript).toContain('  keypad: valid, welcome Alice\n  keypad: invalid');
  });

  it('runs as a script and exits 0', async () => {
    const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/tsx`, ['infrastructure/local/demo.ts'], { cwd: root });
    expect(stdout).toContain('Bob is at the front door');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^Done\./);
  });
});
