import type { CallbackResult } from '../../domain/ports/workflow-callbacks';
import { WorkflowCallbackError } from '../../domain/errors';

/**
 * Maps the AWS SDK v3 errors of SendTaskSuccess / SendTaskFailure (awsJson1_0: the name comes from the body's
 * `__type`, read into `error.name`; the status is `error.$metadata.httpStatusCode`).
 */
interface SdkError {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
}

/**
 * The wait is over: TaskTimedOut (the token timed out, or was already used: "Provided task does not exist
 * anymore"), TaskDoesNotExist, InvalidToken (never issued, or not a token at all).
 */
const EXPIRED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
const THROTTLED = new Set(['ThrottlingException', 'KmsThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/** 'expired' when the wait is over; otherwise throws a WorkflowCallbackError saying whether a retry can help. */
export function expiredOrThrow(operation: string, error: unknown): CallbackResult {
  const name = nameOf(error);
  const status = statusOf(error);
  if (EXPIRED.has(name)) return 'expired';
  const details = `${name}${status === undefined ? '' : ` (HTTP ${status})`}${messageOf(error)}`;
  if (name === 'InvalidOutput') {
    throw new WorkflowCallbackError(`${operation}: Step Functions refused the task output as invalid JSON — ${details}`, {
      retryable: false,
      cause: error,
    });
  }
  if (THROTTLED.has(name) || status === 429) {
    throw new WorkflowCallbackError(`${operation} was throttled by Step Functions past the SDK's retries; retry later — ${details}`, {
      retryable: true,
      cause: error,
    });
  }
  // No status: the request never got an answer (network, timeout). 5xx: Step Functions' fault. Both may pass.
  const retryable = status === undefined || status >= 500;
  throw new WorkflowCallbackError(`${operation} failed — ${details}`, { retryable, cause: error });
}

function nameOf(error: unknown): string {
  const name = (error as SdkError | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}

function statusOf(error: unknown): number | undefined {
  const status = (error as SdkError | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  const message = (error as SdkError | null)?.message;
  return typeof message === 'string' && message !== '' ? `: ${message}` : '';
}
