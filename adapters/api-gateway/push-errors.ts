/**
 * Reads the AWS SDK v3 errors of PostToConnection. SDK v3 errors carry the modeled name in `name` and the HTTP
 * status in `$metadata.httpStatusCode` (there is no `statusCode` as in SDK v2). The status counts on its own: a 410
 * or 429 from a proxy or load balancer arrives without API Gateway's `x-amzn-ErrorType`, and the SDK names it
 * "Unknown".
 */
interface SdkError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

const THROTTLING_NAMES = new Set(['LimitExceededException', 'ThrottlingException', 'TooManyRequestsException']);

function nameOf(error: unknown): string | undefined {
  const name = (error as SdkError | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as SdkError | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The connection no longer exists (GoneException, 410). */
export function isGone(error: unknown): boolean {
  return nameOf(error) === 'GoneException' || httpStatusOf(error) === 410;
}

/** Too many requests, or the device's send buffer is full (LimitExceededException, 429): worth a later retry. */
export function isThrottled(error: unknown): boolean {
  return THROTTLING_NAMES.has(nameOf(error) ?? '') || httpStatusOf(error) === 429;
}

/** API Gateway refused the message as too large (PayloadTooLargeException, 413). */
export function isPayloadTooLarge(error: unknown): boolean {
  return nameOf(error) === 'PayloadTooLargeException' || httpStatusOf(error) === 413;
}

/** "ForbiddenException (HTTP 403): …" — what a log line needs to tell failures apart. */
export function describeError(error: unknown): string {
  const name = nameOf(error) ?? 'Error';
  const status = httpStatusOf(error);
  const message = (error as SdkError | null)?.message;
  return `${name}${status === undefined ? '' : ` (HTTP ${status})`}${typeof message === 'string' && message !== '' ? `: ${message}` : ''}`;
}
