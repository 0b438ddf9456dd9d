import { WorkflowCallbackError } from '../../domain/errors';
import type { CallbackResult, WorkflowCallbacks } from '../../domain/ports/workflow-callbacks';

export type TaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: unknown }
  | { readonly kind: 'failed'; readonly error: string; readonly cause: string }
  | { readonly kind: 'timed-out' };

/**
 * Waiting workflow tasks in memory. `wait(token)` stands for a `.waitForTaskToken` state: it resolves when the task
 * is completed through the port, or when `timeOut(token)` says the wait is over. A token answers once.
 */
export class InMemoryWorkflowCallbacks implements WorkflowCallbacks {
  private readonly waiting = new Map<string, (outcome: TaskOutcome) => void>();

  wait(taskToken: string): Promise<TaskOutcome> {
    return new Promise((resolve) => this.waiting.set(taskToken, resolve));
  }

  timeOut(taskToken: string): void {
    this.settle(taskToken, { kind: 'timed-out' });
  }

  /**
   * Resumes the run waiting on `taskToken` with `output`; 'expired' when none waits.
   * @throws WorkflowCallbackError (not retryable) when the output has no JSON form, like Step Functions would.
   */
  async succeed(taskToken: string, output: unknown): Promise<CallbackResult> {
    // Serialize like the wire does: what can't travel as JSON fails here too, as Step Functions' InvalidOutput.
    let json: string;
    try {
      json = JSON.stringify(output ?? null);
    } catch (error) {
      throw new WorkflowCallbackError('the task output has no JSON form', { retryable: false, cause: error });
    }
    return this.settle(taskToken, { kind: 'succeeded', output: JSON.parse(json) });
  }

  async fail(taskToken: string, error: string, cause: string): Promise<CallbackResult> {
    return this.settle(taskToken, { kind: 'failed', error, cause });
  }

  private settle(taskToken: string, outcome: TaskOutcome): CallbackResult {
    const resolve = this.waiting.get(taskToken);
    if (!resolve) return 'expired';
    this.waiting.delete(taskToken);
    resolve(outcome);
    return 'resumed';
  }
}
