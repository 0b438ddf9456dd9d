import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HouseholdId, VisitorId } from '../../domain/ids';
import type { FaceDescriptor, FaceDescriptorStore } from '../../domain/ports/face-descriptor-store';

/**
 * Descriptors in memory and, with a folder (the local doorbell's `--data DIR/face-descriptors`), one JSON file per
 * household, readable by the owner only (folder 0700, files 0600), written atomically. Removing a visitor rewrites
 * the file without their descriptors; a household with none left has no file.
 */
export class LocalFaceDescriptorStore implements FaceDescriptorStore {
  private readonly households = new Map<HouseholdId, FaceDescriptor[]>();

  constructor(private readonly folder?: string) {
    if (folder) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      chmodSync(folder, 0o700);
    }
  }

  async list(householdId: HouseholdId): Promise<readonly FaceDescriptor[]> {
    return [...this.household(householdId)];
  }

  async add(householdId: HouseholdId, descriptors: readonly FaceDescriptor[]): Promise<void> {
    if (descriptors.length === 0) return;
    const added = new Set(descriptors.map((face) => face.faceId));
    const kept = this.household(householdId).filter((face) => !added.has(face.faceId));
    const copies = descriptors.map((face) => ({ ...face, descriptor: [...face.descriptor] }));
    this.households.set(householdId, [...kept, ...copies]);
    this.save(householdId);
  }

  async removeVisitor(householdId: HouseholdId, visitorId: VisitorId): Promise<void> {
    const faces = this.household(householdId);
    const kept = faces.filter((face) => face.visitorId !== visitorId);
    if (kept.length === faces.length) return;
    this.households.set(householdId, kept);
    this.save(householdId);
  }

  private household(householdId: HouseholdId): FaceDescriptor[] {
    let faces = this.households.get(householdId);
    if (!faces) {
      const file = this.file(householdId);
      faces = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as FaceDescriptor[]) : [];
      this.households.set(householdId, faces);
    }
    return faces;
  }

  private save(householdId: HouseholdId): void {
    const file = this.file(householdId);
    if (!file) return;
    const faces = this.household(householdId);
    if (faces.length === 0) {
      rmSync(file, { force: true });
      return;
    }
    writeFileSync(`${file}.partial`, JSON.stringify(faces), { mode: 0o600 });
    renameSync(`${file}.partial`, file);
  }

  private file(householdId: HouseholdId): string | undefined {
    return this.folder && join(this.folder, `${encodeURIComponent(householdId)}.json`);
  }
}
