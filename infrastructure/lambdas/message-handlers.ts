import type { Container } from 'inversify';
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';
import { TOKENS } from '../di/tokens';

/**
 * Each message function's handler, given the use cases of the actions routed to it (message-routes.ts): the one
 * wiring its Lambda root and the local doorbell both use. One export per function, so that a root's bundle holds
 * only its own.
 */
type MessageHandlerOf = (container: Pick<Container, 'get'>, telemetry: HandlerTelemetry) => ReturnType<typeof makeMessageHandler>;

/** `ping` and `$default`: nothing but the reply. */
export const anyDeviceMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({ notifier: container.get(TOKENS.DeviceNotifier), telemetry });

/** history, answer, the visitor actions and the Web Push actions. */
export const residentMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({
    ringHistory: container.get(TOKENS.RingHistory),
    answerRing: container.get(TOKENS.AnswerRing),
    visitors: {
      listVisitors: container.get(TOKENS.ListVisitors),
      enroll: container.get(TOKENS.Enroll),
      forget: container.get(TOKENS.Forget),
    },
    push: {
      getPushKey: container.get(TOKENS.GetPushKey),
      subscribePush: container.get(TOKENS.SubscribePush),
      unsubscribePush: container.get(TOKENS.UnsubscribePush),
      listPushSubscriptions: container.get(TOKENS.ListPushSubscriptions),
    },
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  });

/** requestUpload and verifyCode. */
export const doorbellMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({
    requestUpload: container.get(TOKENS.RequestUpload),
    verifyAccessCode: container.get(TOKENS.VerifyAccessCode),
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  });
