import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFaceDescriptorStore } from '../../../adapters/face-model/local-face-descriptor-store';
import { faceId, householdId, visitorId } from '../../../domain/ids';
import { faceDescriptorStoreContract } from '../../contracts/face-descriptor-store.contract';

const folder = () => join(mkdtempSync(join(tmpdir(), 'doorbell-descriptors-')), 'face-descriptors');

faceDescriptorStoreContract('in memory', async () => new LocalFaceDescriptorStore());
faceDescriptorStoreContract('in files', async () => new LocalFaceDescriptorStore(folder()));

describe('LocalFaceDescriptorStore in files', () => {
  it('keeps descriptors for the next process, owner-only, and deletes the file with the last one', async () => {
    const dir = folder();
    const home = householdId('home');
    const face = { faceId: faceId('f1'), visitorId: visitorId('alice'), descriptor: [0.25, -0.5] };
    await new LocalFaceDescriptorStore(dir).add(home, [face]);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).map((file) => statSync(join(dir, file)).mode & 0o777)).toEqual([0o600]);

    const restarted = new LocalFaceDescriptorStore(dir);
    expect(await restarted.list(home)).toEqual([face]);
    await restarted.removeVisitor(home, visitorId('alice'));
    expect(readdirSync(dir)).toEqual([]);
  });
});
