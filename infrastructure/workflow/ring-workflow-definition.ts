/**
 * The ring workflow in Amazon States Language: the one definition that CDK deploys (with the Lambda ARNs
 * substituted) and that the local doorbell and the tests run with aws-local-stepfunctions (with the same handlers
 * bound by state name). There is no second, hand-written copy of this flow.
 *
 *   Identify ──ok──▶ IsRingPhoto ──recorded──▶ Announce ──▶ WasAnnounced ──announced──▶ QueueRingWebhooks ─▶ IssueAccessCodes
 *      │  Retry: recognizer throttled (backoff, full jitter), Lambda service errors          │
 *      └─ Catch (anything else, or retries exhausted) ─▶ RecordUnidentifiedRing ─▶ IsRingPhoto ▼
 *                                                   AwaitAnswer (.waitForTaskToken, the answer window)
 *                                                      │  └─ Catch States.Timeout ─▶ RecordUnansweredRing
 *                                                      └─ answered ─▶ QueueAnswerWebhooks
 *
 * A doorbell must never stay silent: if identification fails for good, the ring is recorded as unavailable and
 * still announced ("Someone is at the front door"). A duplicate event's run finds the ring announced by another and
 * ends (WasAnnounced), so only one run waits for the answer. Access codes are best effort for the flow: if they
 * can't be issued, the run still waits for an answer. Webhooks are queued (SQS, a service integration: no code in
 * the way) after the announcement and after the answer; a queue that fails is caught and the run goes on.
 */
export const WORKFLOW_STATES = {
  identify: 'Identify',
  recordUnidentified: 'RecordUnidentifiedRing',
  isRingPhoto: 'IsRingPhoto',
  announce: 'Announce',
  notARingPhoto: 'NotARingPhoto',
  wasAnnounced: 'WasAnnounced',
  alreadyAnnounced: 'AlreadyAnnounced',
  issueAccessCodes: 'IssueAccessCodes',
  awaitAnswer: 'AwaitAnswer',
  recordUnanswered: 'RecordUnansweredRing',
  queueRingWebhooks: 'QueueRingWebhooks',
  queueAnswerWebhooks: 'QueueAnswerWebhooks',
  answered: 'Answered',
} as const;

/** Placeholders CDK substitutes (`definitionSubstitutions`) with the functions' ARNs and the stack's partition. */
export const FUNCTION_ARN_SUBSTITUTIONS = {
  identify: 'IdentifyFunctionArn',
  announce: 'AnnounceFunctionArn',
  answerWindow: 'AnswerWindowFunctionArn',
  partition: 'Partition',
  webhookQueueUrl: 'WebhookQueueUrl',
} as const;

export interface WorkflowFunctionArns {
  readonly identify: string;
  readonly announce: string;
  /** The function that keeps the wait's task token and records an unanswered ring. */
  readonly answerWindow: string;
  /** The AWS partition of the Step Functions integration (`aws`, `aws-cn`, `aws-us-gov`); default `aws`. */
  readonly partition?: string;
  /** The SQS queue that webhook events wait in (its URL). */
  readonly webhookQueueUrl: string;
}

export interface RingWorkflowOptions {
  /** How long the run waits for a resident's answer (the answer window), whole seconds. */
  readonly answerWindowSeconds: number;
}

/** The task that a `.waitForTaskToken` state calls: the token is handed to the function in its payload. */
const invokeAndWaitForToken = (partition: string) => `arn:${partition}:states:::lambda:invoke.waitForTaskToken`;

/** Which input a function shared by several states gets: `task` tells the handler which step to run. */
export const WORKFLOW_TASKS = {
  announce: 'announce',
  issueAccessCodes: 'issueAccessCodes',
  awaitAnswer: 'awaitAnswer',
  recordUnanswered: 'recordUnanswered',
} as const;

/** Transient Lambda failures: worth retrying whatever the function does. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

const retryLambdaServiceErrors = {
  ErrorEquals: LAMBDA_SERVICE_ERRORS,
  IntervalSeconds: 1,
  MaxAttempts: 4,
  BackoffRate: 2,
  MaxDelaySeconds: 20,
  JitterStrategy: 'FULL',
};

/** Sends one message to SQS from the workflow itself (a service integration: no Lambda, no SDK client). */
const sqsSendMessage = (partition: string) => `arn:${partition}:states:::sqs:sendMessage`;

/**
 * A Task state that queues a webhook event (`WebhookWork` in the local queue's words: `{kind: "event", event}`).
 * Webhooks are never in the ring's way: its result is discarded, and any failure is caught and the run goes on.
 */
function queueWebhookEvent(arns: WorkflowFunctionArns, event: 'ring' | 'answer', next: string) {
  return {
    Type: 'Task',
    Comment: `Queues the ${event} for the household's webhooks; never fails the run.`,
    Resource: sqsSendMessage(arns.partition ?? 'aws'),
    Parameters: {
      QueueUrl: arns.webhookQueueUrl,
      MessageBody: { kind: 'event', event: { event, ...ringOf } },
    },
    ResultPath: null,
    TimeoutSeconds: 10,
    Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, JitterStrategy: 'FULL' }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.webhookFailure', Next: next }],
    Next: next,
  };
}

const ringOf = { 'householdId.$': '$.identified.householdId', 'ringId.$': '$.identified.ringId' };

export function ringWorkflowDefinition(arns: WorkflowFunctionArns, options: RingWorkflowOptions) {
  const s = WORKFLOW_STATES;
  const t = WORKFLOW_TASKS;
  return {
    Comment: 'A doorbell ring: who is at the door, then every device of the household is told.',
    StartAt: s.identify,
    States: {
      [s.identify]: {
        Type: 'Task',
        Comment: 'Input: the S3 "Object Created" event. Output: the recorded ring, under $.identified.',
        Resource: arns.identify,
        ResultPath: '$.identified',
        TimeoutSeconds: 60,
        Retry: [
          {
            // Rekognition throttled or briefly down (RecognizerUnavailableError): back off, with full jitter so
            // that a burst of rings does not retry in lockstep.
            ErrorEquals: ['RecognizerUnavailableError'],
            IntervalSeconds: 1,
            MaxAttempts: 4,
            BackoffRate: 2,
            MaxDelaySeconds: 10,
            JitterStrategy: 'FULL',
          },
          retryLambdaServiceErrors,
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.identifyFailure', Next: s.recordUnidentified }],
        Next: s.isRingPhoto,
      },
      [s.recordUnidentified]: {
        Type: 'Task',
        Comment: 'Identify again with $.identifyFailure set: records the ring as unavailable, without Rekognition.',
        Resource: arns.identify,
        ResultPath: '$.identified',
        TimeoutSeconds: 30,
        Retry: [retryLambdaServiceErrors, { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Next: s.isRingPhoto,
      },
      [s.isRingPhoto]: {
        Type: 'Choice',
        Choices: [{ Variable: '$.identified.kind', StringEquals: 'recorded', Next: s.announce }],
        Default: s.notARingPhoto,
      },
      [s.announce]: {
        Type: 'Task',
        Comment: "Claimed by this execution: a retry announces again, a duplicate event's execution stays silent.",
        Resource: arns.announce,
        Parameters: { task: t.announce, ...ringOf, 'claimant.$': '$$.Execution.Id' },
        ResultPath: '$.announced',
        TimeoutSeconds: 60,
        Retry: [retryLambdaServiceErrors, { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Next: s.wasAnnounced,
      },
      [s.wasAnnounced]: {
        Type: 'Choice',
        Choices: [{ Variable: '$.announced.kind', StringEquals: 'announced', Next: s.queueRingWebhooks }],
        Default: s.alreadyAnnounced,
      },
      [s.alreadyAnnounced]: {
        Type: 'Succeed',
        Comment: 'A duplicate event (or a ring gone since): the run that announced it waits for the answer.',
      },
      [s.queueRingWebhooks]: queueWebhookEvent(arns, 'ring', s.issueAccessCodes),
      [s.issueAccessCodes]: {
        Type: 'Task',
        Comment: 'A one-time code per trusted visitor, pushed to the residents; one per ring and visitor, so retries are safe.',
        Resource: arns.announce,
        Parameters: { task: t.issueAccessCodes, ...ringOf },
        ResultPath: '$.accessCodes',
        TimeoutSeconds: 30,
        Retry: [retryLambdaServiceErrors, { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.accessCodeFailure', Next: s.awaitAnswer }],
        Next: s.awaitAnswer,
      },
      [s.awaitAnswer]: {
        Type: 'Task',
        Comment: "Waits for a resident's quick reply: the token is kept with the ring and handed back by the answer.",
        Resource: invokeAndWaitForToken(arns.partition ?? 'aws'),
        Parameters: {
          FunctionName: arns.answerWindow,
          Payload: { task: t.awaitAnswer, ...ringOf, 'taskToken.$': '$$.Task.Token' },
        },
        ResultPath: '$.response',
        TimeoutSeconds: options.answerWindowSeconds,
        // A failed invocation of answer-window (not the wait's timeout, which is States.Timeout) is tried again
        // before the catch-all records the ring unanswered; keeping the token is idempotent.
        Retry: [retryLambdaServiceErrors, { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
        // Timed out, or the wait failed for good: either way nobody's answer arrived in time.
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.answerTimeout', Next: s.recordUnanswered }],
        Next: s.queueAnswerWebhooks,
      },
      [s.queueAnswerWebhooks]: queueWebhookEvent(arns, 'answer', s.answered),
      [s.answered]: { Type: 'Succeed', Comment: "A resident answered: the answer's webhooks are queued (or could not be)." },
      [s.recordUnanswered]: {
        Type: 'Task',
        Comment: 'Records the ring as unanswered, unless an answer got there first (then that answer is the output).',
        Resource: arns.answerWindow,
        Parameters: { task: t.recordUnanswered, ...ringOf },
        ResultPath: '$.response',
        TimeoutSeconds: 30,
        Retry: [retryLambdaServiceErrors, { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        End: true,
      },
      [s.notARingPhoto]: {
        Type: 'Succeed',
        Comment: 'An object that is not a ring photo: nothing to announce.',
      },
    },
  };
}

/** The definition with `${IdentifyFunctionArn}`-style placeholders, as CDK's DefinitionBody wants it. */
export function ringWorkflowDefinitionTemplate(options: RingWorkflowOptions): string {
  return JSON.stringify(
    ringWorkflowDefinition(
      {
        identify: `\${${FUNCTION_ARN_SUBSTITUTIONS.identify}}`,
        announce: `\${${FUNCTION_ARN_SUBSTITUTIONS.announce}}`,
        answerWindow: `\${${FUNCTION_ARN_SUBSTITUTIONS.answerWindow}}`,
        partition: `\${${FUNCTION_ARN_SUBSTITUTIONS.partition}}`,
        webhookQueueUrl: `\${${FUNCTION_ARN_SUBSTITUTIONS.webhookQueueUrl}}`,
      },
      options,
    ),
  );
}
