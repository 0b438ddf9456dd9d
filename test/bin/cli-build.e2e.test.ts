import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `bin/doorbell.js` runs the CLI precompiled (bin/cli-build.js): built when missing, reused while every source is as
 * it was built from, rebuilt when one changed, and run through tsx when no build can be made. Each test builds into a
 * cache of its own (DOORBELL_CLI_CACHE, inside the project so that the bundle's packages resolve), never the real one.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'bin', 'doorbell.js');
const TEST_TIMEOUT = 60_000;

interface Manifest {
  readonly dir: string;
  readonly entry: string;
  readonly inputs: readonly (readonly [string, number, number])[];
}

function helpWith(cache: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '--help'],
      { cwd: REPO, env: { ...process.env, DOORBELL_CLI_CACHE: cache }, timeout: 45_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

const readManifest = async (cache: string) => JSON.parse(await readFile(join(cache, 'manifest.json'), 'utf8')) as Manifest;

describe('the doorbell bin and its precompiled build', () => {
  let scratch: string;

  beforeAll(async () => {
    await mkdir(join(REPO, 'node_modules', '.cache'), { recursive: true });
    scratch = await mkdtemp(join(REPO, 'node_modules', '.cache', 'doorbell-cli-test-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it(
    'builds on first run, then runs that build as long as no source changed',
    async () => {
      const cache = join(scratch, 'reused');

      const first = await helpWith(cache);
      const manifest = await readManifest(cache);
      // Prepare: mark the built entry, so that output shows which code ran.
      await appendFile(join(cache, manifest.dir, manifest.entry), '\nprocess.stdout.write("(precompiled)\\n");\n');
      const second = await helpWith(cache);

      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain('Usage: doorbell <command>');
      expect(manifest.inputs.map(([file]) => file)).toEqual(expect.arrayContaining(['infrastructure/cli/main.ts', 'tsconfig.json']));
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('Usage: doorbell <command>');
      expect(second.stdout).toContain('(precompiled)');
    },
    TEST_TIMEOUT,
  );

  it(
    'rebuilds when a source differs from what the build was made from',
    async () => {
      const cache = join(scratch, 'stale');
      await helpWith(cache);
      const built = await readManifest(cache);
      // Prepare: the manifest remembers main.ts as it was before an edit (another size), as after editing the file.
      const stale = {
        ...built,
        inputs: built.inputs.map(([file, size, mtimeMs]) => [file, file.endsWith('main.ts') ? size + 1 : size, mtimeMs]),
      };
      await writeFile(join(cache, 'manifest.json'), JSON.stringify(stale));

      const result = await helpWith(cache);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: doorbell <command>');
      // The build is keyed by the sources' content: the same sources rebuild into the same folder, now current again.
      const rebuilt = await readManifest(cache);
      const main = rebuilt.inputs.find(([file]) => file === 'infrastructure/cli/main.ts');
      expect(main?.[1]).toBe((await stat(join(REPO, 'infrastructure/cli/main.ts'))).size);
      expect(rebuilt.dir).toBe(built.dir);
    },
    TEST_TIMEOUT,
  );

  it(
    'runs the sources through tsx when no build can be written',
    async () => {
      const blocker = join(scratch, 'a-file');
      await writeFile(blocker, 'not a folder');

      const result = await helpWith(join(blocker, 'cache'));

      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('Usage: doorbell <command>');
    },
    TEST_TIMEOUT,
  );
});
