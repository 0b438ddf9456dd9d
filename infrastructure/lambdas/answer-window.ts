/**
 * Ring workflow, AwaitAnswer and RecordUnansweredRing states: keeps the answer wait's task token with the ring
 * (resuming the run at once if the answer came first), and records the ring unanswered when the wait times out.
 * Its environment variables: LAMBDA_ROOTS['answer-window'] in functions.ts.
 */
import { makeAnswerWindowHandler } from '../../adapters/lambda/answer-window-handler';
import { powertoolsTelemetry } from '../../adapters/lambda/powertools-telemetry';
import { answersTable, dynamoDbModule, ringsTable } from '../di/aws/dynamodb.module';
import { workflowCallbacksModule } from '../di/aws/workflow-callbacks.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { awaitAnswerBinding, recordUnansweredRingBinding, useCases } from '../di/use-case-bindings';
import { serviceName } from './service-name';
import { lambdaContainer } from './lambda-container';
import { lambdaEntry } from './lambda-entry';
import { resolveOnUse } from './resolve-on-use';

const telemetry = powertoolsTelemetry(serviceName('answer-window'));
const container = lambdaContainer(
  systemModule(),
  useCases(awaitAnswerBinding, recordUnansweredRingBinding),
  dynamoDbModule(process.env, [ringsTable, answersTable]),
  workflowCallbacksModule(process.env),
);

export const handler = lambdaEntry(
  telemetry,
  makeAnswerWindowHandler({
    // Two workflow states, one use case each: a cold start builds only its own state's.
    awaitAnswer: resolveOnUse(container, TOKENS.AwaitAnswer),
    recordUnanswered: resolveOnUse(container, TOKENS.RecordUnansweredRing),
    telemetry,
  }),
);
