/** What became of a callback to a waiting workflow run. */
export type CallbackResult = 'resumed' | 'expired';

/**
 * Resumes a workflow run that waits on a task token (the ring workflow waiting for a resident's answer; Step
 * Functions' `.waitForTaskToken` in AWS).
 */
export interface WorkflowCallbacks {
  /**
   * Completes the waiting task with `output` (JSON-serializable). 'expired' when the wait is over: the token timed
   * out, was already used, or never existed. Any other failure rejects with WorkflowCallbackError, whose
   * `retryable` tells whether trying again later can help (throttling, network) or not (output refused).
   */
  succeed(taskToken: string, output: unknown): Promise<CallbackResult>;
  /** Fails the waiting task with an error name and a human cause. Same outcomes as `succeed`. */
  fail(taskToken: string, error: string, cause: string): Promise<CallbackResult>;
}
