import { setTimeout as delay } from 'node:timers/promises';
import { PostToConnectionCommand, type ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { NotificationError } from '../../domain/errors';
import type { ConnectionId } from '../../domain/ids';
import type { ServerMessage } from '../../domain/protocol/server-messages';
import type { DeviceNotifier, PushResult } from '../../domain/ports/device-notifier';
import { describeSdkError } from '../aws/sdk-error';
import { RetriesExhaustedError, withBackoff, type BackoffOptions } from './backoff';
import { encodeMessage, tooLargeMessage } from './message-payload';
import { isGone, isPayloadTooLarge, isThrottled } from './push-errors';

export interface ApiGatewayDeviceNotifierOptions {
  /**
   * Created with `maxAttempts: 1` (see `createManagementApiClient`): this notifier owns the retries of throttled
   * pushes, and the SDK retrying too would multiply the requests.
   */
  readonly client: ApiGatewayManagementApiClient;
  /** Attempts per push when throttled, the first included. Default 4. */
  readonly maxAttempts?: number;
  /** The first retry waits up to this long, each later one up to twice the previous cap. Default 50 ms. */
  readonly baseDelayMs?: number;
  /** Waits between attempts; injectable so tests need not wait. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1) for the jitter. Default Math.random. */
  readonly random?: () => number;
}

/**
 * Pushes messages to devices through API Gateway's Management API (PostToConnection):
 * 2xx → 'delivered'; 410 / GoneException → 'gone'; 429 / LimitExceededException / ThrottlingException → retried with
 * exponential backoff and full jitter, then NotificationError; 413 / PayloadTooLargeException, or a message over
 * 128 KB (refused before any request) → NotificationError; anything else → NotificationError with the SDK error as
 * its cause.
 */
export class ApiGatewayDeviceNotifier implements DeviceNotifier {
  private readonly client: ApiGatewayManagementApiClient;
  private readonly backoff: BackoffOptions;

  /**
   * @throws RangeError when `maxAttempts` is not an integer ≥ 1 or `baseDelayMs` not a finite number ≥ 0.
   */
  constructor(options: ApiGatewayDeviceNotifierOptions) {
    const { client, maxAttempts = 4, baseDelayMs = 50, sleep = (ms) => delay(ms), random = Math.random } = options;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`ApiGatewayDeviceNotifier: maxAttempts must be an integer ≥ 1, got ${maxAttempts}`);
    }
    if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) {
      throw new RangeError(`ApiGatewayDeviceNotifier: baseDelayMs must be a finite number ≥ 0, got ${baseDelayMs}`);
    }
    this.client = client;
    this.backoff = { maxAttempts, baseDelayMs, sleep, random };
  }

  /**
   * 'delivered', or 'gone' for a connection API Gateway no longer knows (410).
   * @throws NotificationError when the message is over 128 KB, throttling outlasts `maxAttempts`, or API Gateway
   *   refuses the post for any other reason than a gone connection (the SDK error is its cause).
   */
  async push(connectionId: ConnectionId, message: ServerMessage): Promise<PushResult> {
    const data = encodeMessage(message);
    const post = () => this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    try {
      await withBackoff(post, isThrottled, this.backoff);
      return 'delivered';
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw notificationError(connectionId, error);
    }
  }
}

function notificationError(connectionId: ConnectionId, error: unknown): NotificationError {
  if (error instanceof RetriesExhaustedError) {
    return new NotificationError(
      `push to ${connectionId} was throttled by API Gateway on all ${error.attempts} attempts (${describeSdkError(error.cause)})`,
      { cause: error.cause },
    );
  }
  if (isPayloadTooLarge(error)) return new NotificationError(`push to ${connectionId}: ${tooLargeMessage(undefined)}`, { cause: error });
  return new NotificationError(`push to ${connectionId} failed: ${describeSdkError(error)}`, { cause: error });
}
