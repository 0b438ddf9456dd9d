import './promise-with-resolvers';
import { StateMachine } from 'aws-local-stepfunctions';
import type { InMemoryWorkflowCallbacks } from '../../adapters/in-memory/in-memory-workflow-callbacks';
import { ringWorkflowDefinition, WORKFLOW_STATES } from '../workflow/ring-workflow-definition';

type Definition = ConstructorParameters<typeof StateMachine>[0];
type Json = Parameters<StateMachine['run']>[0];
type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** Definitions a StateMachine of this process has validated (as JSON text). */
const VALIDATED_DEFINITIONS = new Set<string>();

/** A Lambda handler as the workflow calls it: the state's input in, its result out. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface RingWorkflowHandlers {
  readonly identify: TaskHandler;
  readonly announce: TaskHandler;
  readonly answerWindow: TaskHandler;
  /** Stands for the SQS sendMessage states: queues the message body (a webhook event) in the local queue. */
  readonly queueWebhookEvent: TaskHandler;
}

export interface LocalRingWorkflowOptions {
  /** Pause before each retry, in ms, instead of the definition's backoff (tests: 0). */
  readonly retryDelayMs?: number;
  /**
   * The definition as another tool rendered it (the one `cdk synth` wrote, ARNs substituted), to run instead of
   * ringWorkflowDefinition's; its states are bound to the handlers by the same names.
   */
  readonly definition?: object;
}

const LOCAL_ARNS = {
  identify: 'arn:aws:lambda:us-east-1:000000000000:function:doorbell-identify',
  announce: 'arn:aws:lambda:us-east-1:000000000000:function:doorbell-announce',
  answerWindow: 'arn:aws:lambda:us-east-1:000000000000:function:doorbell-answer-window',
  webhookQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/doorbell-webhooks',
};

/** A `.waitForTaskToken` state's payload, as the definition's Parameters build it. */
interface WaitingPayload {
  readonly Payload: { readonly taskToken: string };
}

export interface LocalRingRun {
  readonly answerWait: Promise<Record<string, unknown>>;
  readonly finished: Promise<Record<string, unknown>>;
}

/** Ends a run's answer wait when the run is stopped (the doorbell stops): the run is aborted, nobody answers it. */
class LocalRunStopped extends Error {
  constructor() {
    super('the run was stopped while waiting for its callback');
    this.name = 'LocalRunStopped';
  }
}

/**
 * The deployed ring workflow definition, run in-process by aws-local-stepfunctions with the same handlers the
 * Lambdas run, bound by state name: Retry, Catch, Choice and TimeoutSeconds behave as they do in Step Functions.
 * The answer wait (`.waitForTaskToken`) works as in AWS: the handler keeps the token, and the run resumes when the
 * WorkflowCallbacks port completes it (here the in-memory twin, the same one the message handler calls).
 */
export class LocalRingWorkflow {
  private readonly machine: StateMachine;
  private executions = 0;
  private readonly running = new Set<() => void>();

  constructor(
    private readonly handlers: RingWorkflowHandlers,
    private readonly callbacks: InMemoryWorkflowCallbacks,
    private readonly answerWindowSeconds: number,
    private readonly options: LocalRingWorkflowOptions = {},
  ) {
    // The library's types model ASL more narrowly than our plain JSON object; it validates the definition itself.
    const definition = options.definition ?? ringWorkflowDefinition(LOCAL_ARNS, { answerWindowSeconds });
    // Validating compiles the library's ASL schemas (≈ 0.3–1 s): once per distinct definition and process is enough.
    const text = JSON.stringify(definition);
    const validationOptions = VALIDATED_DEFINITIONS.has(text) ? { noValidate: true } : { checkPaths: true };
    this.machine = new StateMachine(definition as unknown as Definition, { validationOptions });
    VALIDATED_DEFINITIONS.add(text);
  }

  /** Runs one execution for an "Object Created" event; resolves with the final state, rejects if it fails. */
  async run(event: unknown, executionName?: string): Promise<Record<string, unknown>> {
    return this.start(event, executionName).finished;
  }

  /**
   * Starts one execution. `answerWait` resolves with the run's state once it waits for an answer (the ring is
   * announced, its codes issued, the wait's token kept), or with the final state if the run ends without waiting (a duplicate event,
   * not a ring photo); `finished` when the run ends (answered, unanswered, or not waiting at all).
   */
  start(event: unknown, executionName = `local-${++this.executions}`): LocalRingRun {
    const s = WORKFLOW_STATES;
    const delay = this.options.retryDelayMs;
    const token = `local-task-${executionName}`;
    const answerWait = Promise.withResolvers<Record<string, unknown>>();
    const stateAtWait = Promise.withResolvers<Record<string, unknown>>();
    const tokenKept = Promise.withResolvers<void>();
    let stopped = false;
    // Handlers return plain JSON data, as a Lambda's result is serialized to JSON.
    const task = (handler: TaskHandler) => async (input: Json) => (await handler(input)) as Json;
    const execution = this.machine.run(event as Json, {
      context: {
        Execution: { Id: `arn:aws:states:local:000000000000:execution:ring-workflow:${executionName}`, Name: executionName },
        // One waiting state per run, so one token per run is enough (AWS mints one per attempt).
        Task: { Token: token },
      },
      overrides: {
        taskResourceLocalHandlers: {
          [s.identify]: task(this.handlers.identify),
          [s.recordUnidentified]: task(this.handlers.identify),
          [s.announce]: task(this.handlers.announce),
          [s.issueAccessCodes]: task(this.handlers.announce),
          [s.awaitAnswer]: async (input: Json) => {
            if (stopped) throw new LocalRunStopped();
            return (await this.waitForCallback(input as unknown as WaitingPayload, tokenKept.resolve, () => stopped)) as Json;
          },
          [s.recordUnanswered]: task(this.handlers.answerWindow),
          [s.queueRingWebhooks]: task(this.handlers.queueWebhookEvent),
          [s.queueAnswerWebhooks]: task(this.handlers.queueWebhookEvent),
        },
        ...(delay === undefined
          ? {}
          : {
              retryIntervalOverrides: Object.fromEntries(
                [s.identify, s.recordUnidentified, s.announce, s.issueAccessCodes, s.awaitAnswer, s.recordUnanswered].map((state) => [
                  state,
                  delay,
                ]),
              ),
            }),
      },
    });
    const stop = () => {
      stopped = true;
      execution.abort();
      this.callbacks.timeOut(token);
    };
    this.running.add(stop);
    const finished = (execution.result as Promise<Record<string, unknown>>).finally(() => this.running.delete(stop));
    void this.watchForAnswerWait(execution.eventLogs, stateAtWait.resolve);
    // Waiting means both: the state entered (its whole input, for the caller) and the token kept by the handler.
    void Promise.all([stateAtWait.promise, tokenKept.promise]).then(([state]) => answerWait.resolve(state));
    finished.then(answerWait.resolve, answerWait.reject);
    // Callers may await either promise, or neither: a failure is theirs to see, never an unhandled rejection.
    answerWait.promise.catch(() => undefined);
    finished.catch(() => undefined);
    return { answerWait: answerWait.promise, finished };
  }

  /** Reports the run's whole state (not only the state's Parameters) as it enters the answer wait. */
  private async watchForAnswerWait(events: AsyncIterable<EventLog>, onWaiting: (state: Record<string, unknown>) => void): Promise<void> {
    for await (const event of events) {
      if (event.type === 'StateEntered' && event.state.name === WORKFLOW_STATES.awaitAnswer) {
        onWaiting(event.state.input as Record<string, unknown>);
        return;
      }
    }
  }

  /** Ends every run still going (waiting for an answer, mostly): their `finished` rejects as aborted. */
  stopAll(): void {
    for (const stop of [...this.running]) stop();
  }

  /** lambda:invoke.waitForTaskToken: invoke with the payload, then wait for the token's callback, not the result. */
  private async waitForCallback(input: WaitingPayload, onTokenKept: () => void, isStopped: () => boolean): Promise<unknown> {
    const token = input.Payload.taskToken;
    // Listen before invoking: the handler may complete the token itself (an answer that came first).
    const outcome = this.callbacks.wait(token);
    // The definition's TimeoutSeconds ends the state; this ends the wait too, so a late callback finds it expired.
    const timer = setTimeout(() => this.callbacks.timeOut(token), this.answerWindowSeconds * 1000);
    try {
      await this.handlers.answerWindow(input.Payload);
      onTokenKept();
      const result = await outcome;
      if (result.kind === 'succeeded') return result.output;
      if (result.kind === 'failed') throw Object.assign(new Error(result.cause), { name: result.error });
      // Stopped with the doorbell: end the state at once (the run is aborted; a retry of it ends at once too).
      if (isStopped()) throw new LocalRunStopped();
      // The window ran out: the interpreter's own TimeoutSeconds ends the state with States.Timeout, a moment from
      // now, as in AWS. No error of ours may stand in for it: a Retry on States.TaskFailed would take ours.
      return await new Promise<never>(() => undefined);
    } finally {
      clearTimeout(timer);
      // However the state ends, its token is spent (a no-op when the callback already came).
      this.callbacks.timeOut(token);
    }
  }
}
