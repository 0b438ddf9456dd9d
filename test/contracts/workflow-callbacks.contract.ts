import { describe, expect, it } from 'vitest';
import type { WorkflowCallbacks } from '../../domain/ports/workflow-callbacks';

/** A task waiting on a token, in whatever runs the workflow (a scripted Step Functions endpoint, memory…). */
export interface WaitingTask {
  readonly taskToken: string;
  /** Resolves with what the task was completed with. */
  outcome(): Promise<unknown>;
}

export interface WorkflowCallbacksHarness {
  readonly callbacks: WorkflowCallbacks;
  startWaiting(): Promise<WaitingTask>;
  /** Makes the task's wait run out (TaskTimedOut in Step Functions). */
  timeOut(task: WaitingTask): Promise<void>;
}

export function workflowCallbacksContract(name: string, make: () => Promise<WorkflowCallbacksHarness>): void {
  describe(`WorkflowCallbacks: ${name}`, () => {
    it('resumes a waiting task with its output', async () => {
      const { callbacks, startWaiting } = await make();
      const task = await startWaiting();
      expect(await callbacks.succeed(task.taskToken, { reply: 'coming', by: 'Sam' })).toBe('resumed');
      expect(await task.outcome()).toMatchObject({ kind: 'succeeded', output: { reply: 'coming', by: 'Sam' } });
    });

    it('fails a waiting task with an error and a cause', async () => {
      const { callbacks, startWaiting } = await make();
      const task = await startWaiting();
      expect(await callbacks.fail(task.taskToken, 'Declined', 'nobody home')).toBe('resumed');
      expect(await task.outcome()).toMatchObject({ kind: 'failed', error: 'Declined', cause: 'nobody home' });
    });

    it('refuses an output that cannot travel as JSON, without a retry hint, and leaves the task waiting', async () => {
      const { callbacks, startWaiting } = await make();
      const task = await startWaiting();
      const cyclic: Record<string, unknown> = {};
      cyclic['self'] = cyclic;
      await expect(callbacks.succeed(task.taskToken, cyclic)).rejects.toMatchObject({ name: 'WorkflowCallbackError', retryable: false });
      expect(await callbacks.succeed(task.taskToken, { reply: 'coming' })).toBe('resumed');
    });

    it("answers 'expired' for a token used before, timed out, or never issued", async () => {
      const { callbacks, startWaiting, timeOut } = await make();
      const used = await startWaiting();
      await callbacks.succeed(used.taskToken, {});
      expect(await callbacks.succeed(used.taskToken, {})).toBe('expired');
      const late = await startWaiting();
      await timeOut(late);
      expect(await callbacks.succeed(late.taskToken, {})).toBe('expired');
      expect(await callbacks.fail('no-such-token', 'Declined', 'n/a')).toBe('expired');
    });
  });
}
