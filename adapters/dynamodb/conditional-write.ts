import { errorName } from '../aws/sdk-error';

/**
 * A conditional write whose condition was false is an expected outcome (someone else got there first); every other
 * error is a failure and propagates. Throttling and transient 5xx never reach here as such: the SDK's standard retry
 * strategy has already retried them, so what arrives has outlasted those retries.
 * @throws whatever the write rejects with, but a failed condition (which is `false`).
 */
export async function writtenUnlessConditionFails(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionalCheckFailure(error)) return false;
    throw error;
  }
}

/** By name rather than `instanceof` its class, which fails when two copies of the SDK are installed. */
export function isConditionalCheckFailure(error: unknown): boolean {
  return error instanceof Error && errorName(error) === 'ConditionalCheckFailedException';
}
