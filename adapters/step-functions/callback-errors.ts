import type { CallbackResult } from '../../domain/ports/workflow-callbacks';
import { WorkflowCallbackError } from '../../domain/errors';
import { describeSdkError, errorName, httpStatus } from '../aws/sdk-error';

/**
 * Maps the AWS SDK v3 errors of SendTaskSuccess / SendTaskFailure (awsJson1_0: the name comes from the body's
 * `__type`, read into `error.name`).
 */

/**
 * The wait is over: TaskTimedOut (the token timed out, or was already used: "Provided task does not exist
 * anymore"), TaskDoesNotExist, InvalidToken (never issued, or not a token at all).
 */
const EXPIRED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);
const THROTTLED = new Set(['ThrottlingException', 'KmsThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * 'expired' when the wait is over.
 * @throws WorkflowCallbackError for every other error: retryable for throttling, 5xx and network failures, not for
 *   invalid output or access denied.
 */
export function expiredOrThrow(operation: string, error: unknown): CallbackResult {
  const name = errorName(error) ?? '';
  const status = httpStatus(error);
  if (EXPIRED.has(name)) return 'expired';
  const details = describeSdkError(error);
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
