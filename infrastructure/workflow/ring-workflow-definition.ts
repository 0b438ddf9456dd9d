/**
 * The ring workflow in Amazon States Language: the one definition that CDK deploys (with the Lambda ARNs
 * substituted) and that the local doorbell and the tests run with aws-local-stepfunctions (with the same handlers
 * bound by state name). There is no second, hand-written copy of this flow.
 *
 *   Identify ──ok──▶ IsRingPhoto ──recorded──▶ Announce
 *      │  Retry: recognizer throttled (backoff, full jitter), Lambda service errors
 *      └─ Catch (anything else, or retries exhausted) ─▶ RecordUnidentifiedRing ─▶ IsRingPhoto
 *
 * A doorbell must never stay silent: if identification fails for good, the ring is recorded as unavailable and
 * still announced ("Someone is at the front door").
 */
export const WORKFLOW_STATES = {
  identify: 'Identify',
  recordUnidentified: 'RecordUnidentifiedRing',
  isRingPhoto: 'IsRingPhoto',
  announce: 'Announce',
  notARingPhoto: 'NotARingPhoto',
} as const;

/** Placeholders CDK substitutes (`definitionSubstitutions`) with the functions' ARNs. */
export const FUNCTION_ARN_SUBSTITUTIONS = { identify: 'IdentifyFunctionArn', announce: 'AnnounceFunctionArn' } as const;

export interface WorkflowFunctionArns {
  readonly identify: string;
  readonly announce: string;
}

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

export function ringWorkflowDefinition(arns: WorkflowFunctionArns) {
  const s = WORKFLOW_STATES;
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
        Comment: 'Claimed by this execution: a retry announces again, a duplicate event\'s execution stays silent.',
        Resource: arns.announce,
        Parameters: {
          'householdId.$': '$.identified.householdId',
          'ringId.$': '$.identified.ringId',
          'claimant.$': '$$.Execution.Id',
        },
        ResultPath: '$.announced',
        TimeoutSeconds: 60,
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
export function ringWorkflowDefinitionTemplate(): string {
  return JSON.stringify(
    ringWorkflowDefinition({
      identify: `\${${FUNCTION_ARN_SUBSTITUTIONS.identify}}`,
      announce: `\${${FUNCTION_ARN_SUBSTITUTIONS.announce}}`,
    }),
  );
}
