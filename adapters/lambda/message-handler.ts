import * as v from 'valibot';
import { RingWindowContentionError, type RequestUpload } from '../../application/request-upload';
import type { AnswerRejection, AnswerRing } from '../../application/answer-ring';
import type { RingHistory } from '../../application/ring-history';
import { AccessCodeContentionError, type VerifyAccessCode } from '../../application/verify-access-code';
import { DEVICE_ACTIONS, mayPerform } from '../../domain/protocol/device-actions';
import { connectionId, type ConnectionId } from '../../domain/ids';
import { errorMessage, pongMessage, type ErrorCode, type ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceNotifier } from '../../domain/ports/device-notifier';
import type { ClientAction, ClientMessage } from '../../domain/protocol/client-messages';
import { parseClientFrame } from './client-messages';
import { fitHistory } from './fit-history';
import { parseEvent } from './parse-event';
import type { HandlerTelemetry } from './telemetry';
import { uploadUrlMessage } from './upload-url-message';
import { pushReply, type PushUseCases } from './push-actions';
import { visitorReply, type VisitorUseCases } from './visitor-actions';
import { webhookReply, type WebhookUseCases } from './webhook-actions';
import { deviceIdentitySchema, type DeviceIdentity } from './websocket-events/device-identity';
import { messageEvent } from './websocket-events/message-event';
import { BAD_REQUEST, INTERNAL_ERROR, OK, type WebSocketResponse } from './websocket-response';

/**
 * The use cases behind the actions this handler serves. A deployed message function is given only those of the
 * actions routed to it (infrastructure/lambdas/message-routes.ts); an action whose use case is missing is refused as
 * not available here. `ping` needs none.
 */
export interface MessageHandlerDeps {
  readonly ringHistory?: Pick<RingHistory, 'execute'>;
  readonly requestUpload?: Pick<RequestUpload, 'execute'>;
  readonly answerRing?: Pick<AnswerRing, 'execute'>;
  readonly verifyAccessCode?: Pick<VerifyAccessCode, 'execute'>;
  /** The residents' visitor actions. */
  readonly visitors?: VisitorUseCases;
  /** The residents' webhook actions. */
  readonly webhooks?: WebhookUseCases;
  /** The residents' Web Push actions. */
  readonly push?: PushUseCases;
  /** Replies go to the sender through the push port, so the handler works the same behind the local gateway. */
  readonly notifier: DeviceNotifier;
  readonly telemetry: HandlerTelemetry;
}

/**
 * Every frame a device sends on its connection. The sender is who the $connect authorizer said it was
 * (`requestContext.authorizer`, present on every event of the connection). Each frame gets exactly one reply: the
 * answer, or an `error` for bad input (200: the error went to the sender, the connection stays open) or for an
 * unexpected failure (`internal`, 500). Bodies are never logged: `verifyCode` carries an access code.
 */
export function makeMessageHandler(deps: MessageHandlerDeps) {
  const { logger } = deps.telemetry;
  return async (event: unknown): Promise<WebSocketResponse> => {
    const parsed = parseEvent(messageEvent, event, logger, 'malformed message event; nobody to answer');
    if (parsed === undefined) return BAD_REQUEST;
    const { body, isBase64Encoded, requestContext } = parsed;
    const sender = connectionId(requestContext.connectionId);
    const identity = v.safeParse(deviceIdentitySchema, requestContext.authorizer);
    const frame = parseClientFrame(body, { base64: isBase64Encoded === true });
    deps.telemetry.count('ClientMessages', 1, { action: frame.kind === 'message' ? frame.message.action : 'refused' });

    let reply: ServerMessage;
    let response = OK;
    try {
      if (frame.kind === 'refused') reply = errorMessage(frame.code, frame.reason);
      else if (frame.message.action === 'ping') reply = pongMessage();
      else if (!identity.success) reply = errorMessage('forbidden', 'this connection has no device identity');
      else if (!mayPerform(identity.output.role, frame.message.action)) reply = forbidden(frame.message.action);
      else reply = await answer(frame.message, { ...identity.output, connectionId: sender }, deps);
    } catch (error) {
      logger.error('message failed', { connectionId: sender, messageId: requestContext.messageId, error });
      reply = errorMessage('internal', 'something went wrong; try again');
      response = INTERNAL_ERROR;
    }
    // The code only: a reason may echo what the device sent.
    if (reply.type === 'error') logger.info('message refused', { connectionId: sender, code: reply.code });
    return (await replyTo(sender, reply, deps)) ? response : INTERNAL_ERROR;
  };
}

type Sender = DeviceIdentity & { readonly connectionId: ConnectionId };

/** The one reason a device is refused an action: the roles table says it is not its role's. */
function forbidden(action: ClientAction): ServerMessage {
  return errorMessage('forbidden', `"${action}" is for ${DEVICE_ACTIONS[action].join(' and ')} devices only`);
}

/** An action routed to a function that does not serve it: a deployment that routes wrongly, not a device's fault. */
function notServedHere(action: ClientAction): ServerMessage {
  return errorMessage('unknown-action', `the action "${action}" is not available here`);
}

async function answer(
  message: Exclude<ClientMessage, { action: 'ping' }>,
  device: Sender,
  deps: MessageHandlerDeps,
): Promise<ServerMessage> {
  switch (message.action) {
    case 'history': {
      if (!deps.ringHistory) return notServedHere(message.action);
      const page = await deps.ringHistory.execute({
        householdId: device.householdId,
        ...(message.limit === undefined ? {} : { limit: message.limit }),
        ...(message.after === undefined ? {} : { after: message.after }),
      });
      return fitHistory(page.rings, page.next);
    }
    case 'requestUpload':
      return deps.requestUpload ? requestUpload(message, device, deps.requestUpload, deps.telemetry) : notServedHere(message.action);
    case 'visitors':
    case 'enroll':
    case 'forget':
      return visitorReply(message, device, deps.visitors);
    case 'webhooks':
    case 'addWebhook':
    case 'removeWebhook':
    case 'enableWebhook':
      return webhookReply(message, device, deps.webhooks);
    case 'answer':
      return deps.answerRing ? answerRing(message, device, deps.answerRing, deps.telemetry) : notServedHere(message.action);
    case 'verifyCode':
      return deps.verifyAccessCode
        ? verifyCode(message.code, device, deps.verifyAccessCode, deps.telemetry)
        : notServedHere(message.action);
    case 'pushKey':
    case 'subscribePush':
    case 'unsubscribePush':
    case 'pushSubscriptions':
      return deps.push ? pushReply(message, device, deps.push, deps.telemetry) : notServedHere(message.action);
  }
}

async function answerRing(
  message: { readonly ringId: string; readonly reply: string },
  device: Sender,
  answerRing: Pick<AnswerRing, 'execute'>,
  telemetry: HandlerTelemetry,
): Promise<ServerMessage> {
  const result = await answerRing.execute({ ...device, ringId: message.ringId, reply: message.reply });
  if (result.kind === 'rejected') return errorMessage(ANSWER_REJECTIONS[result.reason], result.message);
  telemetry.count('RingsAnswered');
  telemetry.logger.info('ring answered', {
    householdId: device.householdId,
    ringId: result.answer.ringId,
    deviceId: device.deviceId,
    told: result.delivery.delivered.length,
    workflow: result.workflow,
  });
  return result.message;
}

const ANSWER_REJECTIONS: Readonly<Record<AnswerRejection, ErrorCode>> = {
  'not-found': 'not-found',
  'already-answered': 'conflict',
  expired: 'expired',
  forbidden: 'forbidden',
  'bad-reply': 'bad-request',
};

async function verifyCode(
  code: string,
  device: Sender,
  verifyAccessCode: Pick<VerifyAccessCode, 'execute'>,
  telemetry: HandlerTelemetry,
): Promise<ServerMessage> {
  try {
    const result = await verifyAccessCode.execute({ householdId: device.householdId, role: device.role, code });
    if (result.kind === 'forbidden') return errorMessage('forbidden', result.reason);
    // The outcome only: never the code.
    telemetry.count('AccessCodeAttempts', 1, { result: result.kind });
    telemetry.logger.info('access code checked', { householdId: device.householdId, doorbellId: device.deviceId, result: result.kind });
    return result.message;
  } catch (error) {
    if (error instanceof AccessCodeContentionError) return errorMessage('conflict', 'the keypad is busy; type the code again');
    throw error;
  }
}

async function requestUpload(
  { contentLength, camera }: Extract<ClientMessage, { action: 'requestUpload' }>,
  device: DeviceIdentity,
  requestUpload: Pick<RequestUpload, 'execute'>,
  telemetry: HandlerTelemetry,
): Promise<ServerMessage> {
  try {
    const result = await requestUpload.execute({ ...device, contentLength, ...(camera === undefined ? {} : { camera }) });
    switch (result.kind) {
      case 'granted':
        telemetry.count('UploadsGranted');
        telemetry.logger.info('upload granted', {
          householdId: device.householdId,
          doorbellId: device.deviceId,
          ringId: result.ringId,
          debounced: result.debounced,
          camera: camera !== false,
        });
        return uploadUrlMessage(result.ringId, result.upload, result.debounced);
      case 'forbidden':
        return errorMessage('forbidden', result.reason);
      case 'invalid':
        return errorMessage('bad-request', result.reason);
    }
  } catch (error) {
    // Presses racing for the doorbell's ring window: the press can simply be repeated.
    if (error instanceof RingWindowContentionError) return errorMessage('conflict', 'the doorbell is busy; press again');
    throw error;
  }
}

/** Sends the one reply; false when it could not be confirmed (the device may be gone: that is logged, not thrown). */
async function replyTo(sender: ConnectionId, reply: ServerMessage, deps: MessageHandlerDeps): Promise<boolean> {
  try {
    const result = await deps.notifier.push(sender, reply);
    if (result === 'gone') deps.telemetry.logger.info('sender left before the reply', { connectionId: sender, type: reply.type });
    return true;
  } catch (error) {
    deps.telemetry.logger.error('reply could not be sent', { connectionId: sender, type: reply.type, error });
    return false;
  }
}
