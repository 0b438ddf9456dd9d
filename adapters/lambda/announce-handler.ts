import type { Announce, AnnounceResult } from '../../application/announce';
import type { IssueAccessCode, IssueAccessCodeResult } from '../../application/issue-access-code';
import { parseEvent } from './parse-event';
import type { HandlerTelemetry } from './telemetry';
import { announceFunctionInput, MALFORMED_TASK } from './workflow-events';

export type AnnounceOutput =
  | { readonly kind: 'announced'; readonly delivered: number; readonly pruned: number; readonly failed: number }
  | { readonly kind: 'issued'; readonly codes: number }
  | { readonly kind: 'skipped'; readonly reason: string };

export interface AnnounceHandlerDeps {
  readonly announce: Pick<Announce, 'execute'>;
  readonly issueAccessCodes: Pick<IssueAccessCode, 'execute'>;
  readonly telemetry: HandlerTelemetry;
}

/**
 * The workflow's Announce and IssueAccessCodes tasks (one function: both push to the household's devices). Device
 * failures are counted, not thrown (one bad device never fails the ring); storage errors propagate for the
 * workflow's Retry. Access codes are never logged: only how many were issued.
 */
export function makeAnnounceHandler(deps: AnnounceHandlerDeps) {
  const { logger } = deps.telemetry;
  return async (input: unknown): Promise<AnnounceOutput> => {
    const task = parseEvent(announceFunctionInput, input, logger, 'malformed announce input');
    if (task === undefined) return MALFORMED_TASK;
    const ring = { householdId: task.householdId, ringId: task.ringId };
    if (task.task === 'issueAccessCodes') return reportCodes(await deps.issueAccessCodes.execute(ring), ring.ringId, deps.telemetry);
    return reportAnnouncement(await deps.announce.execute({ ...ring, claimant: task.claimant }), ring.ringId, deps.telemetry);
  };
}

function reportAnnouncement(result: AnnounceResult, ring: string, telemetry: HandlerTelemetry): AnnounceOutput {
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

function reportCodes(result: IssueAccessCodeResult, ring: string, telemetry: HandlerTelemetry): AnnounceOutput {
  if (result.kind === 'skipped') return result;
  telemetry.count('AccessCodesIssued', result.codes.length);
  const undelivered = result.codes.filter((code) => code.delivery.delivered.length === 0).length;
  if (undelivered > 0) telemetry.logger.warn('an access code reached no resident device', { ringId: ring, undelivered });
  telemetry.logger.info('access codes issued', { ringId: ring, codes: result.codes.length });
  return { kind: 'issued', codes: result.codes.length };
}
