import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import { TOKENS } from '../../infrastructure/di/tokens';
import type { inMemoryDoorbell } from './in-memory-doorbell';

/**
 * The message handler over an in-memory doorbell's use cases, as on-message wires it; with `withVisitors`, also the
 * residents' visitor actions, as the local doorbell wires them.
 */
export function inMemoryMessageHandler(
  doorbell: ReturnType<typeof inMemoryDoorbell>,
  telemetry: HandlerTelemetry,
  options: { withVisitors: boolean } = { withVisitors: false },
) {
  const get = doorbell.get;
  return makeMessageHandler({
    ringHistory: get(TOKENS.RingHistory),
    requestUpload: get(TOKENS.RequestUpload),
    answerRing: get(TOKENS.AnswerRing),
    verifyAccessCode: get(TOKENS.VerifyAccessCode),
    notifier: doorbell.notifier,
    telemetry,
    ...(options.withVisitors
      ? { visitors: { listVisitors: get(TOKENS.ListVisitors), enroll: get(TOKENS.Enroll), forget: get(TOKENS.Forget) } }
      : {}),
  });
}
