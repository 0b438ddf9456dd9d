/**
 * Runs tasks one after another, in the order they were pushed: one connection's messages reach their handlers in
 * the order the client sent them, and its $disconnect comes after them. Each connection has its own queue, so a
 * slow handler holds up only its own connection.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when the task has run. A task that fails does not stop the ones after it. */
  push(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every task pushed so far has run. */
  drained(): Promise<void> {
    return this.tail;
  }
}
