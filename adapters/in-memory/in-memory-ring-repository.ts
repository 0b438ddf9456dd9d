import type { HouseholdId, RingId } from '../../domain/ids';
import type { CreateRingResult, RingPage, RingRepository } from '../../domain/ports/ring-repository';
import { cursorOf, historyOrder, isRetained, type Ring, type RingCursor } from '../../domain/ring';
import type { Instant } from '../../domain/time';
import { copy } from './copy';

interface StoredRing {
  readonly ring: Ring;
  claimant?: string;
}

export class InMemoryRingRepository implements RingRepository {
  private readonly rings = new Map<string, StoredRing>();

  async create(ring: Ring): Promise<CreateRingResult> {
    const key = storageKey(ring.householdId, ring.id);
    const stored = this.rings.get(key);
    if (stored) return { kind: 'exists', ring: copy(stored.ring) };
    this.rings.set(key, { ring: copy(ring) });
    return { kind: 'created', ring: copy(ring) };
  }

  async get(householdId: HouseholdId, id: RingId, now: Instant): Promise<Ring | undefined> {
    const ring = this.rings.get(storageKey(householdId, id))?.ring;
    return ring && isRetained(ring, now) ? copy(ring) : undefined;
  }

  async history(
    householdId: HouseholdId,
    query: { readonly now: Instant; readonly limit: number; readonly after?: RingCursor },
  ): Promise<RingPage> {
    const { after } = query;
    const older = [...this.rings.values()]
      .map((stored) => stored.ring)
      .filter((ring) => ring.householdId === householdId && isRetained(ring, query.now))
      .filter((ring) => after === undefined || historyOrder(after, cursorOf(ring)) < 0)
      .sort((a, b) => historyOrder(cursorOf(a), cursorOf(b)));
    const rings = older.slice(0, Math.max(0, query.limit));
    const last = rings.at(-1);
    return older.length > rings.length && last ? { rings: rings.map(copy), next: cursorOf(last) } : { rings: rings.map(copy) };
  }

  async claimAnnouncement(householdId: HouseholdId, id: RingId, claimant: string): Promise<boolean> {
    const stored = this.rings.get(storageKey(householdId, id));
    if (!stored) return false;
    if (stored.claimant !== undefined && stored.claimant !== claimant) return false;
    stored.claimant = claimant;
    return true;
  }
}

function storageKey(householdId: HouseholdId, id: RingId): string {
  return `${householdId}/${id}`;
}
