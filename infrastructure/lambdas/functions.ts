import { serviceName } from './service-name';

/**
 * The Lambda functions: each one's composition root (a file of this folder exporting `handler`), its Powertools
 * service name, and exactly the environment variables it reads — the ones its DI modules validate at cold start.
 * Kept free of the AWS SDK and CDK so that the CDK app can import it while synthesizing.
 */
export interface LambdaRoot {
  /** File in infrastructure/lambdas/. */
  readonly entry: string;
  readonly serviceName: string;
  /** Required: resource names and the secret, set by the stack. */
  readonly variables: readonly ResourceVariable[];
  /** Whether the ring-flow tunables (RING_SETTING_VARIABLES, all optional) are read. */
  readonly ringSettings: boolean;
  /** Optional: other endpoints (local and test runs) and tunables with defaults. */
  readonly optional: readonly OptionalVariable[];
}

export type ResourceVariable =
  | 'CONNECTIONS_TABLE'
  | 'RINGS_TABLE'
  | 'RING_WINDOWS_TABLE'
  | 'VISITORS_TABLE'
  | 'DEVICES_TABLE'
  | 'ACCESS_CODES_TABLE'
  | 'ANSWERS_TABLE'
  | 'WEBHOOKS_TABLE'
  | 'WEBHOOK_QUEUE_URL'
  | 'PHOTOS_BUCKET'
  | 'CONNECTIONS_API_ENDPOINT'
  | 'DEVICE_TOKEN_SECRET_ARN'
  | 'REKOGNITION_COLLECTION_PREFIX';

export type OptionalVariable =
  | 'DYNAMODB_ENDPOINT'
  | 'S3_ENDPOINT'
  | 'REKOGNITION_ENDPOINT'
  | 'REKOGNITION_CANDIDATE_FLOOR'
  /** `rekognition` (default) or `model`: the recognizer the function was bundled for (face-recognizer.module.ts). */
  | 'FACE_RECOGNIZER'
  /** With FACE_RECOGNIZER=model: the face descriptors' table. */
  | 'FACE_DESCRIPTORS_TABLE'
  | 'SECRETS_MANAGER_ENDPOINT'
  | 'STEP_FUNCTIONS_ENDPOINT'
  | 'SQS_ENDPOINT'
  /** Locally, the token key itself instead of DEVICE_TOKEN_SECRET_ARN (never in AWS). */
  | 'DEVICE_TOKEN_SECRET'
  /** The authorizer's browser-origin allow-list, comma-separated origins; unset: any origin. */
  | 'ALLOWED_ORIGINS';

export const RING_SETTING_VARIABLES = [
  'MATCH_THRESHOLD',
  'DEBOUNCE_SECONDS',
  'RETENTION_DAYS',
  'SNAPSHOT_LINK_SECONDS',
  'UPLOAD_LINK_SECONDS',
  'PUSH_CONCURRENCY',
  'ANSWER_WINDOW_SECONDS',
] as const;

/** The recognizer's choice and, for the face model, its table: set by the stack when deployed with the model. */
export const FACE_MODEL_VARIABLES = ['FACE_RECOGNIZER', 'FACE_DESCRIPTORS_TABLE'] as const satisfies readonly OptionalVariable[];

export const LAMBDA_ROOTS = {
  authorizer: {
    entry: 'authorizer.ts',
    serviceName: serviceName('authorizer'),
    variables: ['DEVICES_TABLE', 'DEVICE_TOKEN_SECRET_ARN'],
    ringSettings: false,
    optional: ['DYNAMODB_ENDPOINT', 'SECRETS_MANAGER_ENDPOINT', 'DEVICE_TOKEN_SECRET', 'ALLOWED_ORIGINS'],
  },
  'on-connect': {
    entry: 'on-connect.ts',
    serviceName: serviceName('on-connect'),
    variables: ['CONNECTIONS_TABLE'],
    ringSettings: false,
    optional: ['DYNAMODB_ENDPOINT'],
  },
  'on-disconnect': {
    entry: 'on-disconnect.ts',
    serviceName: serviceName('on-disconnect'),
    variables: ['CONNECTIONS_TABLE'],
    ringSettings: false,
    optional: ['DYNAMODB_ENDPOINT'],
  },
  // The message functions, one per role set of the roles table (message-routes.ts says which serves what).
  'on-message': {
    entry: 'on-message.ts',
    serviceName: serviceName('on-message'),
    variables: ['CONNECTIONS_API_ENDPOINT'],
    ringSettings: false,
    optional: [],
  },
  'on-resident-message': {
    entry: 'on-resident-message.ts',
    serviceName: serviceName('on-resident-message'),
    variables: [
      'DEVICES_TABLE',
      'RINGS_TABLE',
      'CONNECTIONS_TABLE',
      'ANSWERS_TABLE',
      // Visitors and the Rekognition prefix: residents list, enroll and forget visitors from their devices.
      'VISITORS_TABLE',
      // The dashboard's webhook actions.
      'WEBHOOKS_TABLE',
      'PHOTOS_BUCKET',
      'CONNECTIONS_API_ENDPOINT',
      'REKOGNITION_COLLECTION_PREFIX',
    ],
    ringSettings: true,
    optional: [
      'DYNAMODB_ENDPOINT',
      'S3_ENDPOINT',
      'STEP_FUNCTIONS_ENDPOINT',
      'REKOGNITION_ENDPOINT',
      'REKOGNITION_CANDIDATE_FLOOR',
      ...FACE_MODEL_VARIABLES,
    ],
  },
  'on-doorbell-message': {
    entry: 'on-doorbell-message.ts',
    serviceName: serviceName('on-doorbell-message'),
    // The webhook queue: a keypad attempt is queued for the household's access-code webhooks.
    variables: ['RING_WINDOWS_TABLE', 'ACCESS_CODES_TABLE', 'PHOTOS_BUCKET', 'CONNECTIONS_API_ENDPOINT', 'WEBHOOK_QUEUE_URL'],
    ringSettings: true,
    optional: ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT', 'SQS_ENDPOINT'],
  },
  identify: {
    entry: 'identify.ts',
    serviceName: serviceName('identify'),
    // The prefix has a default (`doorbell-`); the stack sets it so that collections are named per deployment.
    variables: ['RINGS_TABLE', 'VISITORS_TABLE', 'PHOTOS_BUCKET', 'REKOGNITION_COLLECTION_PREFIX'],
    ringSettings: true,
    optional: ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT', 'REKOGNITION_ENDPOINT', 'REKOGNITION_CANDIDATE_FLOOR', ...FACE_MODEL_VARIABLES],
  },
  announce: {
    entry: 'announce.ts',
    serviceName: serviceName('announce'),
    variables: ['RINGS_TABLE', 'CONNECTIONS_TABLE', 'DEVICES_TABLE', 'ACCESS_CODES_TABLE', 'PHOTOS_BUCKET', 'CONNECTIONS_API_ENDPOINT'],
    ringSettings: true,
    optional: ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT'],
  },
  'answer-window': {
    entry: 'answer-window.ts',
    serviceName: serviceName('answer-window'),
    variables: ['RINGS_TABLE', 'ANSWERS_TABLE'],
    ringSettings: false,
    optional: ['DYNAMODB_ENDPOINT', 'STEP_FUNCTIONS_ENDPOINT'],
  },
  'deliver-webhooks': {
    entry: 'deliver-webhooks.ts',
    serviceName: serviceName('deliver-webhooks'),
    // Webhooks; the ring, its doorbell, its answer and a snapshot link to build bodies; the queue for retries.
    variables: ['WEBHOOKS_TABLE', 'RINGS_TABLE', 'ANSWERS_TABLE', 'DEVICES_TABLE', 'PHOTOS_BUCKET', 'WEBHOOK_QUEUE_URL'],
    ringSettings: true,
    optional: ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT', 'SQS_ENDPOINT'],
  },
} as const satisfies Record<string, LambdaRoot>;

export type LambdaRootName = keyof typeof LAMBDA_ROOTS;
export const LAMBDA_ROOT_NAMES = Object.keys(LAMBDA_ROOTS) as LambdaRootName[];
