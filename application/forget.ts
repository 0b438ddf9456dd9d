import type { HouseholdId } from '../domain/ids';
import type { FaceRecognizer } from '../domain/ports/face-recognizer';
import type { VisitorRepository } from '../domain/ports/visitor-repository';
import type { Visitor } from '../domain/visitor';

export type ForgetResult = { readonly kind: 'forgotten'; readonly visitor: Visitor } | { readonly kind: 'not-found' };

/**
 * Removes a visitor and every face enrolled for them. Faces go first: if that fails the visitor is still listed
 * and forgetting can be retried, whereas the reverse could leave faces nobody can delete.
 */
export class Forget {
  constructor(
    private readonly visitors: VisitorRepository,
    private readonly recognizer: FaceRecognizer,
  ) {}

  async execute(command: { readonly householdId: HouseholdId; readonly name: string }): Promise<ForgetResult> {
    const visitor = await this.visitors.findByName(command.householdId, command.name);
    if (!visitor) return { kind: 'not-found' };
    await this.recognizer.forget(visitor.householdId, visitor.id);
    await this.visitors.remove(visitor.householdId, visitor.id);
    return { kind: 'forgotten', visitor };
  }
}
