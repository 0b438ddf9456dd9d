import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaceId, HouseholdId, VisitorId } from '../../domain/ids';

/** One enrolled face: biometric data (its descriptor describes the person's face). */
export interface IndexedFace {
  readonly faceId: FaceId;
  readonly visitorId: VisitorId;
  readonly descriptor: readonly number[];
}

/**
 * The enrolled faces' descriptors, per household (like one Rekognition collection per household): in memory, and
 * with a folder (the local doorbell's `--data DIR/faces`) one JSON file per household, readable by the owner only
 * (folder 0700, files 0600). Removing a visitor rewrites the file without their descriptors; a household with none
 * left has no file.
 */
export class FaceDescriptorIndex {
  private readonly households = new Map<HouseholdId, IndexedFace[]>();

  constructor(private readonly folder?: string) {
    if (folder) {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      chmodSync(folder, 0o700);
    }
  }

  faces(householdId: HouseholdId): readonly IndexedFace[] {
    return this.household(householdId);
  }

  add(householdId: HouseholdId, faces: readonly IndexedFace[]): void {
    if (faces.length === 0) return;
    this.household(householdId).push(...faces);
    this.save(householdId);
  }

  removeVisitor(householdId: HouseholdId, visitorId: VisitorId): void {
    const faces = this.household(householdId);
    const kept = faces.filter((face) => face.visitorId !== visitorId);
    if (kept.length === faces.length) return;
    this.households.set(householdId, kept);
    this.save(householdId);
  }

  private household(householdId: HouseholdId): IndexedFace[] {
    let faces = this.households.get(householdId);
    if (!faces) {
      const file = this.file(householdId);
      faces = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as IndexedFace[]) : [];
      this.households.set(householdId, faces);
    }
    return faces;
  }

  private save(householdId: HouseholdId): void {
    const file = this.file(householdId);
    if (!file) return;
    const faces = this.household(householdId);
    if (faces.length === 0) return rmSync(file, { force: true });
    writeFileSync(`${file}.partial`, JSON.stringify(faces), { mode: 0o600 });
    renameSync(`${file}.partial`, file);
  }

  private file(householdId: HouseholdId): string | undefined {
    return this.folder && join(this.folder, `${encodeURIComponent(householdId)}.json`);
  }
}
