import type { DeviceId, HouseholdId, RingId } from '../../domain/ids';
import type { CreateRingResult, RingPage, RingRepository } from '../../domain/ports/ring-repository';
import { isFolded, isRetained, type Ring } from '../../domain/ring';
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

  async latestOpeningRing(householdId: HouseholdId, doorbellId: DeviceId, now: Instant): Promise<Ring | undefined> {
    const [latest] = this.openingRings(householdId, now).filter((ring) => ring.doorbellId === doorbellId);
    return latest && copy(latest);
  }

  async history(
    householdId: HouseholdId,
    query: { readonly now: Instant; readonly limit: number; readonly before?: Instant },
  ): Promise<RingPage> {
    const { before } = query;
    const rings = this.openingRings(householdId, query.now)
      .filter((ring) => before === undefined || ring.at < before)
      .slice(0, Math.max(0, query.limit));
    return { rings: rings.map(copy) };
  }

  async claimAnnouncement(householdId: HouseholdId, id: RingId, claimant: string): Promise<boolean> {
    const stored = this.rings.get(storageKey(householdId, id));
    if (!stored) return false;
    if (stored.claimant !== undefined && stored.claimant !== claimant) return false;
    stored.claimant = claimant;
    return true;
  }

  /** The household's retained, unfolded rings, newest first (ties: higher id first). */
  private openingRings(householdId: HouseholdId, now: Instant): Ring[] {
    return [...this.rings.values()]
      .map((stored) => stored.ring)
      .filter((ring) => ring.householdId === householdId && !isFolded(ring) && isRetained(ring, now))
      .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }
}

function storageKey(householdId: HouseholdId, id: RingId): string {
  return `${householdId}/${id}`;
}
