import { errorName, httpStatus } from '../aws/sdk-error';

/**
 * Reads the AWS SDK v3 errors of PostToConnection. The status counts on its own: a 410 or 429 from a proxy or load
 * balancer arrives without API Gateway's `x-amzn-ErrorType`, and the SDK names it "Unknown".
 */

const THROTTLING_NAMES = new Set(['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException']);

/** The connection no longer exists (GoneException, 410). */
export function isGone(error: unknown): boolean {
  return errorName(error) === 'GoneException' || httpStatus(error) === 410;
}

/** Too many requests, or the device's send buffer is full (LimitExceededException, 429): worth a later retry. */
export function isThrottled(error: unknown): boolean {
  return THROTTLING_NAMES.has(errorName(error) ?? '') || httpStatus(error) === 429;
}

/** API Gateway refused the message as too large (PayloadTooLargeException, 413). */
export function isPayloadTooLarge(error: unknown): boolean {
  return errorName(error) === 'PayloadTooLargeException' || httpStatus(error) === 413;
}
