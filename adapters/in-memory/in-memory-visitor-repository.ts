import type { HouseholdId, VisitorId } from '../../domain/ids';
import type { VisitorRepository } from '../../domain/ports/visitor-repository';
import { sameName, type Visitor } from '../../domain/visitor';
import { copy } from './copy';

export class InMemoryVisitorRepository implements VisitorRepository {
  private readonly visitors = new Map<string, Visitor>();

  async save(visitor: Visitor): Promise<void> {
    this.visitors.set(storageKey(visitor.householdId, visitor.id), copy(visitor));
  }

  async get(householdId: HouseholdId, id: VisitorId): Promise<Visitor | undefined> {
    const visitor = this.visitors.get(storageKey(householdId, id));
    return visitor && copy(visitor);
  }

  async findByName(householdId: HouseholdId, name: string): Promise<Visitor | undefined> {
    const visitor = [...this.visitors.values()].find((v) => v.householdId === householdId && sameName(v.name, name));
    return visitor && copy(visitor);
  }

  async listByHousehold(householdId: HouseholdId): Promise<readonly Visitor[]> {
    return [...this.visitors.values()].filter((visitor) => visitor.householdId === householdId).map(copy);
  }

  async remove(householdId: HouseholdId, id: VisitorId): Promise<void> {
    this.visitors.delete(storageKey(householdId, id));
  }
}

function storageKey(householdId: HouseholdId, id: VisitorId): string {
  return `${householdId}/${id}`;
}
