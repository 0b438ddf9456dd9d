import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS } from '../../../domain/webhooks/webhook-policy';
import { WORKFLOW_STATES } from '../../../infrastructure/workflow/ring-workflow-definition';
import { synthesizeDoorbell } from './doorbell-stacks';

describe('the webhook queue in the CDK template', () => {
  const { doorbell, stateless } = synthesizeDoorbell();
  const stack = doorbell.stateless;
  const queueId = stack.getLogicalId(stack.webhooks.queue.node.defaultChild as never);
  const deadLetterId = stack.getLogicalId(stack.webhooks.deadLetterQueue.node.defaultChild as never);

  it('is encrypted, with a dead-letter queue after the delivery attempts', () => {
    stateless.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] }, maxReceiveCount: MAX_DELIVERY_ATTEMPTS },
    });
  });

  it('may be sent to by the state machine, the keypad function and deliver-webhooks only, and consumed by deliver-webhooks', () => {
    const roleOf = (logicalId: string) => logicalId.replace(/(DefaultPolicy)?[0-9A-F]{8}$/, '');
    const policies = stateless.findResources('AWS::IAM::Policy');
    const on = (action: string) =>
      Object.entries(policies)
        .filter(([, policy]) =>
          (policy['Properties'].PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]).some(
            (statement) => JSON.stringify(statement.Resource).includes(queueId) && [statement.Action].flat().includes(action),
          ),
        )
        .map(([id]) => roleOf(id))
        .sort();
    expect(on('sqs:SendMessage')).toEqual(['DeliverWebhooksRole', 'OnDoorbellMessageRole', 'RingWorkflowStateMachineRole']);
    expect(on('sqs:ReceiveMessage')).toEqual(['DeliverWebhooksRole']);
    stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('is where the workflow queues ring and answer events, with the failure caught', () => {
    const definition = JSON.stringify(stateless.findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).toContain(WORKFLOW_STATES.queueRingWebhooks);
    expect(definition).toContain(WORKFLOW_STATES.queueAnswerWebhooks);
    expect(definition).toContain('states:::sqs:sendMessage');
    expect(definition).toContain(queueId);
  });

  it('alarms when work is dead-lettered or waits too long', () => {
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadLetterId, 'QueueName'] } }],
    });
    stateless.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
  });
});
