import './promise-with-resolvers';
import { StateMachine } from 'aws-local-stepfunctions';
import { ringWorkflowDefinition, WORKFLOW_STATES } from '../workflow/ring-workflow-definition';

type Definition = ConstructorParameters<typeof StateMachine>[0];
type Json = Parameters<StateMachine['run']>[0];

/** A Lambda handler as the workflow calls it: the state's input in, its result out. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export interface LocalRingWorkflowOptions {
  /** Pause before each retry, in ms, instead of the definition's backoff (tests: 0). */
  readonly retryDelayMs?: number;
}

const LOCAL_ARNS = {
  identify: 'arn:aws:lambda:us-east-1:000000000000:function:doorbell-identify',
  announce: 'arn:aws:lambda:us-east-1:000000000000:function:doorbell-announce',
};

/**
 * The deployed ring workflow definition, run in-process by aws-local-stepfunctions with the same handlers the
 * Lambdas run, bound by state name: Retry, Catch and Choice behave as they do in Step Functions.
 */
export class LocalRingWorkflow {
  // The library's types model ASL more narrowly than our plain JSON object; it validates the definition itself.
  private readonly machine = new StateMachine(ringWorkflowDefinition(LOCAL_ARNS) as unknown as Definition, {
    validationOptions: { checkPaths: true },
  });
  private executions = 0;

  constructor(
    private readonly handlers: { readonly identify: TaskHandler; readonly announce: TaskHandler },
    private readonly options: LocalRingWorkflowOptions = {},
  ) {}

  /** Runs one execution for an "Object Created" event; resolves with the final state, rejects if it fails. */
  async run(event: unknown, executionName = `local-${++this.executions}`): Promise<Record<string, unknown>> {
    const s = WORKFLOW_STATES;
    const delay = this.options.retryDelayMs;
    // Handlers return plain JSON data, as a Lambda's result is serialized to JSON.
    const task = (handler: TaskHandler) => async (input: Json) => (await handler(input)) as Json;
    const execution = this.machine.run(event as Json, {
      context: { Execution: { Id: `arn:aws:states:local:000000000000:execution:ring-workflow:${executionName}`, Name: executionName } },
      overrides: {
        taskResourceLocalHandlers: {
          [s.identify]: task(this.handlers.identify),
          [s.recordUnidentified]: task(this.handlers.identify),
          [s.announce]: task(this.handlers.announce),
        },
        ...(delay === undefined
          ? {}
          : { retryIntervalOverrides: { [s.identify]: delay, [s.recordUnidentified]: delay, [s.announce]: delay } }),
      },
    });
    return (await execution.result) as Record<string, unknown>;
  }
}
