import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface DoorbellAlarmsProps {
  /** Subscribed to the topic by e-mail when given (AWS asks the address to confirm). */
  readonly email?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms on what means a doorbell went unheard, all to one encrypted SNS topic. The topic's key is customer-managed
 * because CloudWatch cannot publish to a topic encrypted with the AWS-managed `aws/sns` key.
 */
export class DoorbellAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: DoorbellAlarmsProps = {}) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Doorbell: encrypts the alarm topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch may use the key for this account's alarms only (no confused deputy: another account's alarm
    // naming this topic gets nothing).
    const stack = Stack.of(this);
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'Doorbell alarms', masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  /** Any error, or any throttle, of the function within five minutes. */
  watchFunction(name: string, fn: IFunction): void {
    this.whenAtLeastOne(`${name}Errors`, fn.metricErrors({ period: PERIOD, statistic: 'Sum' }), `${name}: the function failed`);
    this.whenAtLeastOne(
      `${name}Throttles`,
      fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
      `${name}: invocations were throttled`,
    );
  }

  /** A ring workflow run that failed or timed out: a ring that may not have been announced. */
  watchStateMachine(stateMachine: IStateMachine): void {
    this.whenAtLeastOne(
      'RingWorkflowFailed',
      stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' }),
      'A ring workflow run failed',
    );
    this.whenAtLeastOne(
      'RingWorkflowTimedOut',
      stateMachine.metricTimedOut({ period: PERIOD, statistic: 'Sum' }),
      'A ring workflow run timed out',
    );
  }

  /** A ring event EventBridge could not deliver: a ring that was never processed. */
  watchDeadLetterQueue(queue: IQueue): void {
    this.whenAtLeastOne(
      'RingEventsDeadLettered',
      queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      'Ring photo events could not start the workflow (dead-letter queue not empty)',
    );
  }

  /**
   * Webhook work that kept failing (dead-lettered), or work waiting too long: its oldest message older than the
   * longest retry delay plus a margin means nothing consumes the queue.
   */
  watchWebhookQueue(queue: IQueue, deadLetterQueue: IQueue): void {
    this.whenAtLeastOne(
      'WebhookWorkDeadLettered',
      deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      'Webhook work failed repeatedly (webhook dead-letter queue not empty)',
    );
    const alarm = new Alarm(this, 'WebhookWorkWaiting', {
      metric: queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
      alarmDescription: 'Webhook work has waited over 30 minutes (nothing consumes the webhook queue)',
      threshold: 30 * 60,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }

  private whenAtLeastOne(id: string, metric: IMetric, description: string): void {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }
}
