import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { CallbackResult, WorkflowCallbacks } from '../../domain/ports/workflow-callbacks';
import { expiredOrThrow } from './callback-errors';
import { MAX_CAUSE_LENGTH, serializeOutput, truncate, truncateErrorName } from './task-payload';

export interface StepFunctionsWorkflowCallbacksOptions {
  /** Keeps the SDK's default retries (standard mode, 3 attempts): they absorb most throttling. */
  readonly client: SFNClient;
}

/**
 * Resumes `.waitForTaskToken` states with SendTaskSuccess / SendTaskFailure.
 * TaskTimedOut, TaskDoesNotExist, InvalidToken → 'expired'. Everything else rejects with a WorkflowCallbackError:
 * throttling, 5xx and network failures `retryable`; InvalidOutput, and output that can't be sent at all (not JSON,
 * over 256 KiB: refused before any request), not.
 */
export class StepFunctionsWorkflowCallbacks implements WorkflowCallbacks {
  private readonly client: SFNClient;

  constructor({ client }: StepFunctionsWorkflowCallbacksOptions) {
    this.client = client;
  }

  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    const command = new SendTaskSuccessCommand({ taskToken, output: serializeOutput(output) });
    return this.client.send(command).then(
      () => 'resumed' as const,
      (error: unknown) => expiredOrThrow('SendTaskSuccess', error),
    );
  }

  async fail(taskToken: string, error: string, cause: string): Promise<CallbackResult> {
    // Over-long values would be refused (ValidationException) and the task would wait out its timeout instead.
    const command = new SendTaskFailureCommand({
      taskToken,
      error: truncateErrorName(error),
      cause: truncate(cause, MAX_CAUSE_LENGTH),
    });
    return this.client.send(command).then(
      () => 'resumed' as const,
      (sendError: unknown) => expiredOrThrow('SendTaskFailure', sendError),
    );
  }
}
