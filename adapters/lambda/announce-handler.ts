import type { Announce, AnnounceResult } from '../../application/announce';
import { householdId, isValidId, ringId } from '../../domain/ids';
import type { HandlerTelemetry } from './telemetry';
import { announceInput } from './workflow-events';

export type AnnounceOutput =
  | { readonly kind: 'announced'; readonly delivered: number; readonly pruned: number; readonly failed: number }
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The workflow's Announce task: pushes the ring to every device of the household. Device failures are counted,
 * not thrown (one bad device never fails the ring); storage errors propagate for the workflow's Retry.
 */
export function makeAnnounceHandler(deps: { readonly announce: Pick<Announce, 'execute'>; readonly telemetry: HandlerTelemetry }) {
  const { logger } = deps.telemetry;
  return async (input: unknown): Promise<AnnounceOutput> => {
    const parsed = announceInput.safeParse(input);
    if (!parsed.success || !isValidId(parsed.data.householdId) || !isValidId(parsed.data.ringId)) {
      logger.warn('malformed announce input', { issues: parsed.success ? 'invalid ids' : parsed.error.issues.slice(0, 5) });
      return { kind: 'skipped', reason: 'malformed input' };
    }
    const result = await deps.announce.execute({
      householdId: householdId(parsed.data.householdId),
      ringId: ringId(parsed.data.ringId),
      claimant: parsed.data.claimant,
    });
    return report(result, parsed.data.ringId, deps.telemetry);
  };
}

function report(result: AnnounceResult, ring: string, telemetry: HandlerTelemetry): AnnounceOutput {
  if (result.kind === 'skipped') {
    telemetry.logger.info('announcement skipped', { ringId: ring, reason: result.reason });
    return result;
  }
  telemetry.count('NotificationsDelivered', result.delivered.length);
  telemetry.count('ConnectionsPruned', result.pruned.length);
  telemetry.count('NotificationsFailed', result.failed.length);
  if (result.failed.length > 0) telemetry.logger.warn('some devices could not be notified', { ringId: ring, failed: result.failed });
  telemetry.logger.info('ring announced', { ringId: ring, delivered: result.delivered.length, pruned: result.pruned.length });
  return { kind: 'announced', delivered: result.delivered.length, pruned: result.pruned.length, failed: result.failed.length };
}
