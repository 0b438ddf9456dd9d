import { SFNClient } from '@aws-sdk/client-sfn';
import { ContainerModule } from 'inversify';
import { StepFunctionsWorkflowCallbacks } from '../../../adapters/step-functions/step-functions-workflow-callbacks';
import { env, readEnvironment, type Environment } from '../config';
import { TOKENS } from '../tokens';

/** Callbacks to waiting Step Functions runs; `STEP_FUNCTIONS_ENDPOINT` points them elsewhere (locally). */
export function workflowCallbacksModule(environment: Environment): ContainerModule {
  const { STEP_FUNCTIONS_ENDPOINT } = readEnvironment(environment, { STEP_FUNCTIONS_ENDPOINT: env.optionalUrl() });
  // Built when first asked for: only an answer resumes a run, so no other request's cold start builds the client.
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.WorkflowCallbacks).toResolvedValue(
      () =>
        new StepFunctionsWorkflowCallbacks({ client: new SFNClient(STEP_FUNCTIONS_ENDPOINT ? { endpoint: STEP_FUNCTIONS_ENDPOINT } : {}) }),
    );
  });
}
