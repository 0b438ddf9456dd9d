import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../../../infrastructure/di/tokens';
import { containerRingWorkflow } from '../../../infrastructure/local/container-ring-workflow';
import { objectCreatedEvent } from '../../../infrastructure/local/object-created-event';
import { FUNCTION_ARN_SUBSTITUTIONS, WORKFLOW_STATES } from '../../../infrastructure/workflow/ring-workflow-definition';
import { HOME, inMemoryDoorbell } from '../../support/in-memory-doorbell';
import { sample } from '../../support/sample-photos';
import { defaultDoorbell, resourcesOf } from './doorbell-stacks';
import { render } from './iam-statements';

const { doorbell, stateful, stateless } = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);

function stateMachine() {
  const machines = Object.values(resourcesOf(stateless, 'AWS::StepFunctions::StateMachine'));
  expect(machines).toHaveLength(1);
  return machines[0]!.Properties;
}

/** The deployed definition with CloudFormation's substitutions applied, parsed. */
function definition(): { States: Record<string, Record<string, unknown>> } {
  const properties = stateMachine();
  const substitutions = properties['DefinitionSubstitutions'] as Record<string, unknown>;
  const text = (properties['DefinitionString'] as string).replace(/\$\{(\w+)\}/g, (_match, name: string) => {
    expect(substitutions).toHaveProperty(name);
    return render(substitutions[name]);
  });
  return JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
}

describe('the ring workflow', () => {
  it('is a Standard state machine, traced, logging errors only and without execution data (it holds the task token)', () => {
    expect(stateMachine()).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ERROR',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [idOf(doorbell.stateless.workflow.logs), 'Arn'] } } }],
      },
    });
  });

  it('runs the definition of ring-workflow-definition.ts with identify and announce substituted', () => {
    const states = definition().States;
    const identify = `<${idOf(doorbell.stateless.functions.identify)}.Arn>`;
    const announce = `<${idOf(doorbell.stateless.functions.announce)}.Arn>`;
    expect(states[WORKFLOW_STATES.identify]!['Resource']).toBe(identify);
    expect(states[WORKFLOW_STATES.recordUnidentified]!['Resource']).toBe(identify);
    expect(states[WORKFLOW_STATES.announce]!['Resource']).toBe(announce);
    expect(states[WORKFLOW_STATES.issueAccessCodes]!['Resource']).toBe(announce);
  });

  it('waits for the answer with a task token on answer-window, for the answer window, then records it unanswered', () => {
    const states = definition().States;
    const answerWindow = `<${idOf(doorbell.stateless.functions['answer-window'])}.Arn>`;
    expect(states[WORKFLOW_STATES.awaitAnswer]).toMatchObject({
      Resource: 'arn:<AWS::Partition>:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: answerWindow, Payload: { 'taskToken.$': '$$.Task.Token' } },
      TimeoutSeconds: 60,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: WORKFLOW_STATES.recordUnanswered }],
    });
    expect(states[WORKFLOW_STATES.recordUnanswered]!['Resource']).toBe(answerWindow);
    // A failed invocation is retried before the catch-all records the ring unanswered; the timeout is not.
    const retries = states[WORKFLOW_STATES.awaitAnswer]!['Retry'] as { ErrorEquals: string[] }[];
    expect(retries.flatMap((retry) => retry.ErrorEquals)).toContain('States.TaskFailed');
    expect(retries.flatMap((retry) => retry.ErrorEquals)).not.toContain('States.Timeout');
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the CloudFormation substitution is named, not interpolated
  it("names no partition in its ARNs: the stack's own (${AWS::Partition}) is substituted", () => {
    expect(JSON.stringify(stateMachine()['DefinitionString'])).not.toContain('arn:aws:');
  });

  it('retries a throttled recognizer with full jitter, then records the ring as unidentified', () => {
    const identify = definition().States[WORKFLOW_STATES.identify]!;
    expect(identify['Retry']).toEqual(
      expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['RecognizerUnavailableError'], JitterStrategy: 'FULL' })]),
    );
    expect(identify['Catch']).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: WORKFLOW_STATES.recordUnidentified })]);
  });
});

describe('the trigger: EventBridge "Object Created" under rings/ of the photo bucket', () => {
  const rule = () => {
    const rules = Object.values(resourcesOf(stateless, 'AWS::Events::Rule'));
    expect(rules).toHaveLength(1);
    return rules[0]!.Properties;
  };

  it("matches the photo bucket's objects under rings/", () => {
    const pattern = rule()['EventPattern'] as {
      source: string[];
      'detail-type': string[];
      detail: { bucket: { name: unknown[] }; object: unknown };
    };
    expect(pattern.source).toEqual(['aws.s3']);
    expect(pattern['detail-type']).toEqual(['Object Created']);
    expect(pattern.detail.object).toEqual({ key: [{ prefix: 'rings/' }] });
    expect(pattern.detail.bucket.name.map((name) => render(name, stateful))).toEqual([`<${idOf(doorbell.stateful.photos)}>`]);
  });

  it('starts the state machine, retrying, and dead-letters what it cannot deliver to an encrypted, TLS-only queue', () => {
    const queue = idOf(doorbell.stateless.workflow.deadLetterQueue);
    expect(rule()['Targets']).toEqual([
      expect.objectContaining({
        Arn: { Ref: idOf(doorbell.stateless.workflow.stateMachine) },
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 900 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queue, 'Arn'] } },
      }),
    ]);
    stateless.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    // The stack has other queues (webhooks): the ring rule's dead-letter queue has its own policy.
    const queuePolicy = Object.values(resourcesOf(stateless, 'AWS::SQS::QueuePolicy')).find(
      (resource) => JSON.stringify(resource.Properties['Queues']) === JSON.stringify([{ Ref: queue }]),
    )!.Properties;
    expect(queuePolicy['Queues']).toEqual([{ Ref: queue }]);
    const policy = queuePolicy['PolicyDocument'] as { Statement: unknown[] };
    expect(policy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Allow', Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } }),
      ]),
    );
  });
});

describe('the synthesized ring workflow, run locally', () => {
  /**
   * The template's definition as CloudFormation would substitute it in the `aws` partition: each function's ARN a
   * Lambda ARN (the workflow validates ARNs), the partition `aws`.
   */
  function runnableDefinition(): object {
    const text = stateMachine()['DefinitionString'] as string;
    return JSON.parse(
      text.replace(/\$\{(\w+)\}/g, (_match, name: string) =>
        name === FUNCTION_ARN_SUBSTITUTIONS.partition ? 'aws' : `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      ),
    ) as object;
  }

  async function household() {
    const doorbell = inMemoryDoorbell();
    await doorbell.enroll(HOME, 'Alice', sample('alice-1.jpg'), true);
    const phone = await doorbell.connect(HOME, 'resident', "Sam's phone");
    const camera = await doorbell.connect(HOME, 'doorbell', 'front door');
    // The template's definition, exactly as CloudFormation would receive it, bound to the same handlers by state name.
    const workflow = containerRingWorkflow(doorbell.container, { retryDelayMs: 0, definition: runnableDefinition() });
    const run = async (photo: string) => {
      const key = await doorbell.press(camera.device, sample(photo));
      const event = objectCreatedEvent({ bucket: 'photos', key, size: 1, at: new Date(doorbell.clock.now()), eventId: key });
      return workflow.start(event, `synthesized-${key.length}-${Math.random().toString(36).slice(2, 8)}`);
    };
    return { doorbell, phone, camera, run };
  }

  it('trusted visitor → a code to the residents only; a resident answers → the doorbell gets it and the run ends with it', async () => {
    const { doorbell, phone, camera, run } = await household();

    const started = await run('alice-2.jpg');
    const atWait = (await started.answerWait) as { identified: { ringId: string } };

    expect(phone.received().map((message) => message.type)).toEqual(['ring', 'accessCode']);
    expect(camera.received().map((message) => message.type)).toEqual(['ringing']);
    const answered = await doorbell.get(TOKENS.AnswerRing).execute({
      householdId: HOME,
      deviceId: phone.device.id,
      role: 'resident',
      ringId: atWait.identified.ringId,
      reply: 'coming',
    });
    expect(answered).toMatchObject({ kind: 'answered', workflow: 'resumed' });
    expect(await started.finished).toMatchObject({ response: { kind: 'answered', reply: 'coming', byName: "Sam's phone" } });
    expect(camera.received().at(-1)).toMatchObject({ type: 'reply', reply: 'coming' });
  });
});
