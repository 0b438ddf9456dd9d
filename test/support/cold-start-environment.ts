import type { ResourceVariable } from '../../infrastructure/lambdas/functions';

/**
 * A stand-in for every variable a root requires (functions.ts), but the token key's ARN: a cold start here gets the
 * key itself (DEVICE_TOKEN_SECRET) instead of reaching Secrets Manager. Typed by functions.ts, so a variable added
 * there must be given a stand-in here.
 */
const STAND_INS: Readonly<Record<Exclude<ResourceVariable, 'DEVICE_TOKEN_SECRET_ARN'>, string>> = {
  CONNECTIONS_TABLE: 'connections',
  RINGS_TABLE: 'rings',
  RING_WINDOWS_TABLE: 'ring-windows',
  VISITORS_TABLE: 'visitors',
  DEVICES_TABLE: 'devices',
  ACCESS_CODES_TABLE: 'access-codes',
  ANSWERS_TABLE: 'answers',
  WEBHOOKS_TABLE: 'webhooks',
  WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/webhooks',
  PHOTOS_BUCKET: 'photos',
  REKOGNITION_COLLECTION_PREFIX: 'doorbell-',
  CONNECTIONS_API_ENDPOINT: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod',
};

/**
 * What a Lambda bundle needs to load in a fresh `node` process (running its composition root, as Lambda's init
 * does) without reaching AWS: every variable any root reads, with stand-in values, and the token key itself
 * instead of its Secrets Manager ARN. Shared by the bundling test and the cold-start benchmark.
 */
export function coldStartEnvironment(): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'offline',
    AWS_SECRET_ACCESS_KEY: 'offline',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...STAND_INS,
    DEVICE_TOKEN_SECRET: 'k'.repeat(64),
  };
}
