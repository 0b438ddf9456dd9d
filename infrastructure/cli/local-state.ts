import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where a running local doorbell leaves what the CLI needs, in the folder it was started from. */
export const STATE_DIR = '.doorbell';

export interface LocalState {
  readonly webSocketUrl: string;
  readonly httpUrl: string;
  readonly pid: number;
}

export async function writeLocalState(dir: string, state: LocalState, adminKey: string): Promise<void> {
  await mkdir(join(dir, STATE_DIR), { recursive: true });
  await writeFile(join(dir, STATE_DIR, 'local.json'), `${JSON.stringify(state, null, 2)}\n`);
  // The admin key issues tokens: readable by this user only.
  const keyFile = join(dir, STATE_DIR, 'admin-key');
  await writeFile(keyFile, `${adminKey}\n`, { mode: 0o600 });
  await chmod(keyFile, 0o600);
}

export async function readLocalState(dir: string): Promise<{ state: LocalState; adminKey: string } | undefined> {
  try {
    const state = JSON.parse(await readFile(join(dir, STATE_DIR, 'local.json'), 'utf8')) as LocalState;
    const adminKey = (await readFile(join(dir, STATE_DIR, 'admin-key'), 'utf8')).trim();
    return { state, adminKey };
  } catch {
    return undefined;
  }
}

export async function clearLocalState(dir: string): Promise<void> {
  await rm(join(dir, STATE_DIR, 'local.json'), { force: true });
}
