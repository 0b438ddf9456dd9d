import {
  accessCodeState,
  attemptAccessCode,
  isLockedOut,
  isWellFormedCode,
  type AccessCode,
  type AccessCodeId,
} from '../domain/access-code';
import { mayPerform } from '../domain/protocol/device-actions';
import type { DeviceRole } from '../domain/device';
import type { HouseholdId } from '../domain/ids';
import { codeResultMessage, type CodeRefusalReason, type CodeResultMessage } from '../domain/protocol/server-messages';
import type { AccessCodeRepository } from '../domain/ports/access-code-repository';
import type { Clock } from '../domain/ports/clock';
import type { CodeHasher } from '../domain/ports/code-hasher';
import type { IdGenerator } from '../domain/ports/id-generator';
import type { WebhookQueue } from '../domain/ports/webhook-queue';

export interface VerifyAccessCodeCommand {
  readonly householdId: HouseholdId;
  readonly role: DeviceRole;
  /** What the keypad sent; never logged, never returned. */
  readonly code: unknown;
}

export type VerifyAccessCodeResult =
  | { readonly kind: 'valid'; readonly visitorName: string; readonly message: CodeResultMessage }
  /** `reason`: the household's codes are locked by failed attempts (this guess may have locked them). */
  | { readonly kind: 'invalid'; readonly reason?: CodeRefusalReason; readonly message: CodeResultMessage }
  | { readonly kind: 'forbidden'; readonly reason: string };

/** Concurrent keypads: each lost compare-and-set means another attempt changed a code first. */
const MAX_UPDATE_ATTEMPTS = 5;

export class AccessCodeContentionError extends Error {
  constructor(householdId: HouseholdId) {
    super(`could not settle the access codes of household ${householdId} after ${MAX_UPDATE_ATTEMPTS} attempts`);
    this.name = 'AccessCodeContentionError';
  }
}

/**
 * A visitor typed a code on the doorbell's keypad. The code is checked against every active code of the household
 * (each with its own salt). A match on an active code uses it (compare-and-set: of two keypads, one wins). Anything
 * else is one failed attempt, charged to every active code of the household (see access-code.ts), so a household
 * allows at most MAX_ACCESS_CODE_ATTEMPTS wrong guesses per code window. A malformed code (not six digits) is
 * refused without being charged: it cannot be a guess. The result says only valid or invalid, and why only when
 * the household is locked out (`isLockedOut`, judged on its codes after this guess): then the visitor is told that
 * there were too many wrong codes, which depends on nothing typed.
 */
export class VerifyAccessCode {
  constructor(
    private readonly codes: AccessCodeRepository,
    private readonly hasher: CodeHasher,
    private readonly clock: Clock,
    private readonly ids?: IdGenerator,
    /** Where the household's `access-code` webhooks hear of every attempt; none: no webhook is told. */
    private readonly webhooks?: WebhookQueue,
  ) {}

  async execute(command: VerifyAccessCodeCommand): Promise<VerifyAccessCodeResult> {
    if (!mayPerform(command.role, 'verifyCode')) return { kind: 'forbidden', reason: 'only a doorbell keypad verifies access codes' };
    const result = await this.verify(command);
    if (this.webhooks && this.ids) await this.tellWebhooks(this.webhooks, this.ids, command.householdId, result);
    return result;
  }

  /** Best effort: a queue that fails is never the keypad's problem (the attempt's answer stands). */
  private async tellWebhooks(
    webhooks: WebhookQueue,
    ids: IdGenerator,
    householdId: HouseholdId,
    result: VerifyAccessCodeResult,
  ): Promise<void> {
    try {
      await webhooks.publish({
        event: 'access-code',
        householdId,
        attemptId: ids.next(),
        at: this.clock.now(),
        ...(result.kind === 'valid'
          ? { outcome: 'accepted', visitorName: result.visitorName }
          : { outcome: 'refused', ...(result.kind === 'invalid' && result.reason !== undefined && { reason: result.reason }) }),
      });
    } catch {
      // Nothing to undo; the deliveries of this one attempt are lost, the door is not.
    }
  }

  private async verify(command: VerifyAccessCodeCommand): Promise<VerifyAccessCodeResult> {
    const typed = command.code;
    const now = this.clock.now();
    if (!isWellFormedCode(typed)) return invalid(isLockedOut(await this.codes.activeByHousehold(command.householdId, now), now));

    const matched = new Map<AccessCodeId, boolean>();
    const charged = new Set<AccessCodeId>();
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const active = await this.codes.activeByHousehold(command.householdId, now);
      // Salt and hash never change: hash each code once across retries.
      const unknown = active.filter((code) => !matched.has(code.id));
      const results = await Promise.all(unknown.map((code) => this.hasher.matches(typed, code.salt, code.codeHash)));
      unknown.forEach((code, index) => matched.set(code.id, results[index] === true));

      const hit = active.find((code) => matched.get(code.id) === true && accessCodeState(code, now) === 'active');
      if (hit) {
        const { next } = attemptAccessCode(hit, { matches: true, now });
        if (await this.codes.update(hit, next)) return valid(hit.visitorName);
        continue;
      }

      let conflict = false;
      const after = new Map<AccessCodeId, AccessCode>(active.map((code) => [code.id, code]));
      for (const code of active) {
        if (charged.has(code.id)) continue;
        const { outcome, next } = attemptAccessCode(code, { matches: false, now });
        if (outcome !== 'invalid') continue;
        if (await this.codes.update(code, next)) {
          charged.add(code.id);
          after.set(code.id, next);
        } else conflict = true;
      }
      if (!conflict) return invalid(isLockedOut([...after.values()], now));
    }
    throw new AccessCodeContentionError(command.householdId);
  }
}

function valid(visitorName: string): VerifyAccessCodeResult {
  return { kind: 'valid', visitorName, message: codeResultMessage({ kind: 'valid', visitorName }) };
}

function invalid(lockedOut: boolean): VerifyAccessCodeResult {
  if (!lockedOut) return { kind: 'invalid', message: codeResultMessage({ kind: 'invalid' }) };
  const reason = 'too-many-attempts';
  return { kind: 'invalid', reason, message: codeResultMessage({ kind: 'invalid', reason }) };
}
