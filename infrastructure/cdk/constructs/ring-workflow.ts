import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { FUNCTION_ARN_SUBSTITUTIONS, ringWorkflowDefinitionTemplate } from '../../workflow/ring-workflow-definition';
import { deadLetterQueue } from './dead-letter-queue';
import { acknowledge, acknowledgeWildcardResource } from '../acknowledge';
import type { DoorbellFunction } from './doorbell-function';

export interface RingWorkflowProps {
  readonly identify: IFunction;
  readonly announce: IFunction;
  readonly answerWindow: IFunction;
  /** The SQS queue the workflow's sendMessage states queue webhook events in (its URL). */
  readonly webhookQueueUrl: string;
  readonly pushRing: IFunction;
  /** How long a run waits for a resident's answer (the answer window). */
  readonly answerTimeout: Duration;
  /** The photo bucket, whose "Object Created" events start the workflow. */
  readonly photosBucketName: string;
  /** EventBridge retries a failed StartExecution this many times… */
  readonly retryAttempts?: number;
  /** …for at most this long; after that the event goes to the dead-letter queue. */
  readonly maxEventAge?: Duration;
  readonly logRetention?: RetentionDays;
}

/**
 * A photo lands under `rings/` → EventBridge "Object Created" → the Standard "ring" state machine, whose definition
 * is the one in `infrastructure/workflow/ring-workflow-definition.ts` (also run locally) with the four function
 * ARNs substituted. Events EventBridge cannot deliver end in an encrypted dead-letter queue.
 */
export class RingWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly rule: Rule;
  readonly deadLetterQueue: Queue;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: RingWorkflowProps) {
    super(scope, id);
    this.logs = new LogGroup(this, 'Logs', {
      // Step Functions' log delivery wants this prefix (it keeps the log resource policy small).
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-ring`,
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment: 'A doorbell ring: identify who is at the door, then tell every device of the household.',
      definitionBody: DefinitionBody.fromString(ringWorkflowDefinitionTemplate({ answerWindowSeconds: props.answerTimeout.toSeconds() })),
      definitionSubstitutions: {
        [FUNCTION_ARN_SUBSTITUTIONS.identify]: props.identify.functionArn,
        [FUNCTION_ARN_SUBSTITUTIONS.announce]: props.announce.functionArn,
        [FUNCTION_ARN_SUBSTITUTIONS.answerWindow]: props.answerWindow.functionArn,
        [FUNCTION_ARN_SUBSTITUTIONS.pushRing]: props.pushRing.functionArn,
        [FUNCTION_ARN_SUBSTITUTIONS.partition]: Stack.of(this).partition,
        [FUNCTION_ARN_SUBSTITUTIONS.webhookQueueUrl]: props.webhookQueueUrl,
      },
      // Errors only, without execution data: a run's data holds the answer wait's task token (whoever reads it
      // could answer the ring) and the ring's visitors; what a run did is in the functions' own logs.
      logs: { destination: this.logs, level: LogLevel.ERROR, includeExecutionData: false },
      tracingEnabled: true,
    });
    acknowledge(
      this.stateMachine,
      'AwsSolutions-SF1',
      "Logging ALL events would write every run's data, including the answer wait's task token, which lets whoever " +
        'reads the logs answer the ring; errors are logged, and each function logs its own steps.',
    );
    // Exactly the four functions, unqualified (no version or alias wildcard).
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.identify.functionArn, props.announce.functionArn, props.answerWindow.functionArn, props.pushRing.functionArn],
      }),
    );
    const role = this.stateMachine.role;
    acknowledgeWildcardResource(
      role,
      '*',
      'X-Ray trace segments and CloudWatch Logs delivery configuration have no resource-level permissions; ' +
        'AWS documents both with the resource wildcard.',
    );

    this.deadLetterQueue = deadLetterQueue(this, 'the ring rule target');

    this.rule = new Rule(this, 'PhotoCreated', {
      description: 'A ring photo was uploaded: start the ring workflow',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.photosBucketName] },
          object: { key: Match.prefix(PHOTO_KEY_PREFIX) },
        },
      },
    });
    this.rule.addTarget(
      new SfnStateMachine(this.stateMachine, {
        retryAttempts: props.retryAttempts ?? 10,
        maxEventAge: props.maxEventAge ?? Duration.minutes(15),
        deadLetterQueue: this.deadLetterQueue,
      }),
    );
  }

  /**
   * Resume a run waiting for an answer (`SendTaskSuccess` on this state machine). The state machine names the
   * functions it invokes, so a function's own role policy (which the function depends on) may not name the state
   * machine: a separate policy in the function's stack, attached to its role, breaks the cycle without fixing the
   * state machine's name.
   */
  grantCallBack(fn: DoorbellFunction): void {
    new Policy(Stack.of(fn), `${fn.node.id}CallsBackRingWorkflow`, {
      statements: [new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.stateMachine.stateMachineArn] })],
    }).attachToRole(fn.executionRole);
  }
}
