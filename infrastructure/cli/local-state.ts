import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateFolder, writePrivateFile } from '../../adapters/local-files/private-files';

/** Where a running local doorbell leaves what the CLI needs, in the folder it was started from. */
export const STATE_DIR = '.doorbell';

export interface LocalState {
  readonly webSocketUrl: string;
  readonly httpUrl: string;
  readonly pid: number;
}

/** Owner-only, like the data: the admin key issues tokens, and the address and pid are nobody else's business. */
export async function writeLocalState(dir: string, state: LocalState, adminKey: string): Promise<void> {
  makePrivateFolder(join(dir, STATE_DIR));
  writePrivateFile(join(dir, STATE_DIR, 'local.json'), `${JSON.stringify(state, null, 2)}\n`);
  writePrivateFile(join(dir, STATE_DIR, 'admin-key'), `${adminKey}\n`);
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
