import { accessCodeExpiresAt, type AccessCode, type AccessCodeId } from '../domain/access-code';
import type { HouseholdId, RingId, VisitorId } from '../domain/ids';
import { trustedVisitors } from '../domain/identification';
import { accessCodeMessage, type AccessCodeMessage } from '../domain/protocol/server-messages';
import type { AccessCodeRepository } from '../domain/ports/access-code-repository';
import type { Clock } from '../domain/ports/clock';
import type { CodeGenerator } from '../domain/ports/code-generator';
import type { CodeHasher } from '../domain/ports/code-hasher';
import type { IdGenerator } from '../domain/ports/id-generator';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { BroadcastResult, HouseholdBroadcast } from './household-broadcast';

export interface IssueAccessCodeCommand {
  readonly householdId: HouseholdId;
  readonly ringId: RingId;
}

/** A code just issued. `code` is the plain code: push it to the residents and drop it; it is stored only hashed. */
export interface IssuedAccessCode {
  readonly accessCodeId: AccessCodeId;
  readonly visitorId: VisitorId;
  readonly visitorName: string;
  readonly code: string;
  readonly expiresAt: number;
  /** The `accessCode` message, as pushed to the household's residents (audienceOf says: residents only). */
  readonly message: AccessCodeMessage;
  readonly delivery: BroadcastResult;
}

export type IssueAccessCodeResult =
  | { readonly kind: 'issued'; readonly codes: readonly IssuedAccessCode[] }
  | { readonly kind: 'skipped'; readonly reason: 'ring-not-found' | 'no-trusted-visitor' };

/**
 * A ring was identified: each trusted visitor in it gets a fresh one-time code (CSPRNG digits, salted hash stored,
 * valid ACCESS_CODE_LIFETIME), pushed at once to the household's residents. The plain codes are returned once (for
 * tests and the caller's count); they are never stored or logged. A visitor who already holds a code for this ring
 * (a retried run) gets no second one: the repository's conditional create decides, so even concurrent runs issue one
 * code per ring and visitor.
 */
export class IssueAccessCode {
  constructor(
    private readonly rings: RingRepository,
    private readonly codes: AccessCodeRepository,
    private readonly generator: CodeGenerator,
    private readonly hasher: CodeHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly broadcast: HouseholdBroadcast,
  ) {}

  async execute(command: IssueAccessCodeCommand): Promise<IssueAccessCodeResult> {
    const now = this.clock.now();
    const ring = await this.rings.get(command.householdId, command.ringId, now);
    if (!ring) return { kind: 'skipped', reason: 'ring-not-found' };
    const trusted = trustedVisitors(ring.identification);
    if (trusted.length === 0) return { kind: 'skipped', reason: 'no-trusted-visitor' };

    const issued: IssuedAccessCode[] = [];
    for (const visitor of trusted) {
      const code = this.generator.next();
      const salt = this.hasher.newSalt();
      const stored: AccessCode = {
        id: this.ids.next() as AccessCodeId,
        householdId: ring.householdId,
        ringId: ring.id,
        visitorId: visitor.visitorId,
        visitorName: visitor.name,
        salt,
        codeHash: await this.hasher.hash(code, salt),
        issuedAt: now,
        expiresAt: accessCodeExpiresAt(now),
        failedAttempts: 0,
      };
      // A retried run finds the code already issued: the first run pushed it, and it can't be shown again.
      if (!(await this.codes.issue(stored))) continue;
      const message = accessCodeMessage(stored, code);
      const delivery = await this.broadcast.send(ring.householdId, message);
      issued.push({
        accessCodeId: stored.id,
        visitorId: stored.visitorId,
        visitorName: stored.visitorName,
        code,
        expiresAt: stored.expiresAt,
        message,
        delivery,
      });
    }
    return { kind: 'issued', codes: issued };
  }
}
