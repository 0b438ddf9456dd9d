/**
 * The public AWS prices the cost model uses: us-east-1, on-demand, first pricing tier, no free tier.
 * Read on 2026-11-25; each names the page it comes from. Update the figure and the date together.
 */
export interface Price {
  readonly item: string;
  readonly usd: number;
  readonly per: string;
  readonly source: string;
  readonly note?: string;
}

export const PRICES_READ_ON = '2026-11-25';

export const AWS_PRICES = {
  rekognitionImage: {
    item: 'Rekognition Image API call (Group 1: SearchFacesByImage, IndexFaces; Group 2: DetectFaces), first 1 M images a month',
    usd: 0.001,
    per: 'image processed (each API call on an image counts)',
    source: 'https://aws.amazon.com/rekognition/pricing/',
    note:
      'the page groups the APIs as quoted; the copy read did not show the rate itself, ' +
      '$0.001 is the published first-tier rate for both groups',
  },
  lambdaRequest: { item: 'Lambda request', usd: 0.2 / 1e6, per: 'request', source: 'https://aws.amazon.com/lambda/pricing/' },
  lambdaArmGbSecond: {
    item: 'Lambda duration, Arm (arm64), first 7.5 B GB-s a month',
    usd: 0.0000133334,
    per: 'GB-second',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  stepFunctionsTransition: {
    item: 'Step Functions Standard state transition',
    usd: 0.025 / 1000,
    per: 'state transition',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  webSocketMessage: {
    item: 'API Gateway WebSocket message (32 KB increments), first 1 B a month',
    usd: 1 / 1e6,
    per: 'message',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
  },
  webSocketConnectionMinute: {
    item: 'API Gateway WebSocket connection minute',
    usd: 0.25 / 1e6,
    per: 'connection minute',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
  },
  dynamoDbWrite: {
    item: 'DynamoDB on-demand write request unit',
    usd: 0.625 / 1e6,
    per: 'write request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  dynamoDbRead: {
    item: 'DynamoDB on-demand read request unit',
    usd: 0.125 / 1e6,
    per: 'read request unit',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  },
  s3Put: { item: 'S3 Standard PUT request', usd: 0.005 / 1000, per: 'request', source: 'https://aws.amazon.com/s3/pricing/' },
  s3Get: { item: 'S3 Standard GET request', usd: 0.0004 / 1000, per: 'request', source: 'https://aws.amazon.com/s3/pricing/' },
  eventBridgeAwsEvent: {
    item: 'EventBridge: S3 "Object Created" event on the default bus (an AWS service event)',
    usd: 0,
    per: 'event',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    note: 'events published by AWS services are free; custom events would be $1.00 per million',
  },
} as const satisfies Record<string, Price>;
