import { isAnswerable, parseReply, type Answer } from '../domain/answer';
import { mayPerform } from '../domain/protocol/device-actions';
import type { DeviceRole } from '../domain/device';
import { isRevoked } from '../domain/device';
import { isValidId, type ConnectionId, type DeviceId, type HouseholdId, type RingId } from '../domain/ids';
import { answerMessage, type AnswerMessage } from '../domain/protocol/server-messages';
import type { AnswerRepository } from '../domain/ports/answer-repository';
import type { Clock } from '../domain/ports/clock';
import type { DeviceRepository } from '../domain/ports/device-repository';
import type { RingRepository } from '../domain/ports/ring-repository';
import type { WorkflowCallbacks } from '../domain/ports/workflow-callbacks';
import type { BroadcastResult, HouseholdBroadcast } from './household-broadcast';
import { resumeWaitingRun, type ResumeOutcome } from './ring-response-output';
import type { RingSettings } from './settings';

export interface AnswerRingCommand {
  /** The sender, from its authorized connection. */
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
  /** The sender's connection: it gets the answer as its reply, so the broadcast skips it. */
  readonly connectionId?: ConnectionId;
  /** As the device sent them. */
  readonly ringId: unknown;
  readonly reply: unknown;
}

export type AnswerRejection = 'not-found' | 'already-answered' | 'expired' | 'forbidden' | 'bad-reply';

export type AnswerRingResult =
  | {
      readonly kind: 'answered';
      readonly answer: Answer;
      /** The message the household got (the doorbell and the other residents), and the sender's reply. */
      readonly message: AnswerMessage;
      readonly delivery: BroadcastResult;
      /** What became of the workflow run waiting for the answer. */
      readonly workflow: ResumeOutcome;
    }
  | { readonly kind: 'rejected'; readonly reason: AnswerRejection; readonly message: string };

/**
 * A resident answers a ring with a quick reply. The first answer wins (a conditional create); the doorbell and the
 * other residents are told, and the workflow run waiting for the answer resumes. A second answer, one after the
 * answer window (or after the ring was recorded unanswered), one to an unknown ring or to another household's ring
 * (not-found: rings are looked up within the sender's household only) is rejected with a clear reason.
 *
 * The answer is recorded BEFORE the waiting run's token is read, and the run keeps its token BEFORE it reads the
 * answer (AwaitAnswer): whichever comes second sees the other, so the run always resumes (at worst twice, which
 * Step Functions refuses harmlessly as an expired token).
 */
export class AnswerRing {
  constructor(
    private readonly rings: RingRepository,
    private readonly answers: AnswerRepository,
    private readonly devices: DeviceRepository,
    private readonly broadcast: HouseholdBroadcast,
    private readonly workflow: WorkflowCallbacks,
    private readonly clock: Clock,
    private readonly settings: Pick<RingSettings, 'answerWindow'>,
  ) {}

  async execute(command: AnswerRingCommand): Promise<AnswerRingResult> {
    if (!mayPerform(command.role, 'answer')) return rejected('forbidden', 'only a resident device answers rings');
    const reply = parseReply(command.reply);
    if (!reply.ok) return rejected('bad-reply', reply.reason);
    if (!isValidId(command.ringId)) return rejected('not-found', 'no such ring');
    const ringId = command.ringId as RingId;

    const now = this.clock.now();
    const [ring, device] = await Promise.all([
      this.rings.get(command.householdId, ringId, now),
      this.devices.get(command.householdId, command.deviceId),
    ]);
    if (!device || isRevoked(device) || !mayPerform(device.role, 'answer')) {
      return rejected('forbidden', 'only a registered resident device answers rings');
    }
    if (!ring) return rejected('not-found', 'no such ring');
    if (!isAnswerable(ring, now, this.settings.answerWindow)) return rejected('expired', 'the ring can no longer be answered');

    const answer: Answer = {
      ringId: ring.id,
      householdId: ring.householdId,
      byDeviceId: device.id,
      byName: device.name,
      reply: reply.reply,
      at: now,
    };
    const response = { kind: 'answered', answer } as const;
    const recorded = await this.answers.record(response, ring.expiresAt);
    if (recorded.kind === 'already-responded') {
      return recorded.response.kind === 'answered'
        ? rejected('already-answered', `${recorded.response.answer.byName} already answered this ring`)
        : rejected('expired', 'the ring was not answered in time');
    }
    const message = answerMessage(answer);
    const [delivery, workflow] = await Promise.all([
      this.broadcast.send(ring.householdId, message, command.connectionId === undefined ? {} : { except: command.connectionId }),
      this.answers.waitingTask(ring.householdId, ring.id, now).then((token) => resumeWaitingRun(this.workflow, token, response)),
    ]);
    return { kind: 'answered', answer, message, delivery, workflow };
  }
}

function rejected(reason: AnswerRejection, message: string): AnswerRingResult {
  return { kind: 'rejected', reason, message };
}
