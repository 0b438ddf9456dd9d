import type { HouseholdId } from '../domain/ids';
import type { VisitorRepository } from '../domain/ports/visitor-repository';
import type { Visitor } from '../domain/visitor';

/** The household's visitors, by name. */
export class ListVisitors {
  constructor(private readonly visitors: VisitorRepository) {}

  async execute(command: { readonly householdId: HouseholdId }): Promise<readonly Visitor[]> {
    const visitors = await this.visitors.listByHousehold(command.householdId);
    return [...visitors].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  }
}
