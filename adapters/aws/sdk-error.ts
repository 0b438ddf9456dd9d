/**
 * Reads AWS SDK v3 errors, whatever was thrown. A v3 service error carries the modeled error code in `name` and the
 * HTTP status in `$metadata.httpStatusCode`; there is no `statusCode` (that was SDK v2). An error that never got an
 * answer (network, timeout) has no status, and a status from a proxy may come with the name "Unknown". Anything
 * that is not an object (null, a string) has neither name, status nor message.
 */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: unknown;
}

const shape = (value: unknown): SdkErrorShape => (typeof value === 'object' && value !== null ? value : {});

/** The modeled error code (`ThrottlingException`), or an Error's own name. */
export function errorName(error: unknown): string | undefined {
  const { name } = shape(error);
  return typeof name === 'string' ? name : undefined;
}

/** The HTTP status of the response that carried the error; undefined when there was none. */
export function httpStatus(error: unknown): number | undefined {
  const { httpStatusCode } = shape(shape(error).$metadata) as { readonly httpStatusCode?: unknown };
  return typeof httpStatusCode === 'number' ? httpStatusCode : undefined;
}

export function errorMessage(error: unknown): string | undefined {
  const { message } = shape(error);
  return typeof message === 'string' ? message : undefined;
}

/** "ForbiddenException (HTTP 403): …" — what a log line needs to tell failures apart. */
export function describeSdkError(error: unknown): string {
  const status = httpStatus(error);
  const message = errorMessage(error);
  return `${errorName(error) ?? 'Error'}${status === undefined ? '' : ` (HTTP ${status})`}${message ? `: ${message}` : ''}`;
}
