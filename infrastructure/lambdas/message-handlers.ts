import type { Container } from 'inversify';
import { makeMessageHandler } from '../../adapters/lambda/message-handler';
import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';
import { TOKENS } from '../di/tokens';
import { resolveOnUse } from './resolve-on-use';

/**
 * Each message function's handler, given the use cases of the actions routed to it (message-routes.ts): the one
 * wiring its Lambda root and the local doorbell both use. One export per function, so that a root's bundle holds
 * only its own. Each action's use case is resolved when that action first comes (a cold start builds only its own
 * request's use case and clients); the notifier, which every reply needs, at once.
 */
type MessageHandlerOf = (container: Pick<Container, 'get'>, telemetry: HandlerTelemetry) => ReturnType<typeof makeMessageHandler>;

/** `ping` and `$default`: nothing but the reply. */
export const anyDeviceMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({ notifier: container.get(TOKENS.DeviceNotifier), telemetry });

/** history, answer, the visitor actions and the webhook actions. */
export const residentMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({
    ringHistory: resolveOnUse(container, TOKENS.RingHistory),
    answerRing: resolveOnUse(container, TOKENS.AnswerRing),
    visitors: {
      listVisitors: resolveOnUse(container, TOKENS.ListVisitors),
      enroll: resolveOnUse(container, TOKENS.Enroll),
      forget: resolveOnUse(container, TOKENS.Forget),
    },
    webhooks: {
      listWebhooks: container.get(TOKENS.ListWebhooks),
      addWebhook: container.get(TOKENS.AddWebhook),
      removeWebhook: container.get(TOKENS.RemoveWebhook),
      enableWebhook: container.get(TOKENS.EnableWebhook),
    },
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  });

/** requestUpload and verifyCode. */
export const doorbellMessages: MessageHandlerOf = (container, telemetry) =>
  makeMessageHandler({
    requestUpload: resolveOnUse(container, TOKENS.RequestUpload),
    verifyAccessCode: resolveOnUse(container, TOKENS.VerifyAccessCode),
    notifier: container.get(TOKENS.DeviceNotifier),
    telemetry,
  });
