import { AWS_PRICES, type Price } from './aws-prices';

/** What one ring uses besides Rekognition, along its happy path (a doorbell press to every device notified). */
export interface RingUsage {
  /** Lambda invocations of one ring: memory (MB) and an assumed billed duration (ms) each. */
  readonly lambdas: readonly { readonly name: string; readonly memoryMb: number; readonly durationMs: number }[];
  readonly stateTransitions: number;
  readonly webSocketMessages: number;
  readonly dynamoDbReads: number;
  readonly dynamoDbWrites: number;
  readonly s3Puts: number;
  readonly s3Gets: number;
  readonly eventBridgeEvents: number;
}

export interface CostLine {
  readonly service: string;
  readonly quantityPer1000Rings: number;
  readonly price: Price;
  readonly usdPer1000Rings: number;
}

/** The cost of 1,000 rings, line by line, for a ring making `rekognitionCalls` Rekognition calls. */
export function costPer1000Rings(rekognitionCalls: number, usage: RingUsage): CostLine[] {
  const line = (service: string, perRing: number, price: Price): CostLine => ({
    service,
    quantityPer1000Rings: perRing * 1000,
    price,
    usdPer1000Rings: perRing * 1000 * price.usd,
  });
  const gbSeconds = usage.lambdas.reduce((sum, fn) => sum + (fn.memoryMb / 1024) * (fn.durationMs / 1000), 0);
  return [
    line('Rekognition (image API calls)', rekognitionCalls, AWS_PRICES.rekognitionImage),
    line('Lambda requests', usage.lambdas.length, AWS_PRICES.lambdaRequest),
    line('Lambda duration (GB-s, arm64)', gbSeconds, AWS_PRICES.lambdaArmGbSecond),
    line('Step Functions Standard (state transitions)', usage.stateTransitions, AWS_PRICES.stepFunctionsTransition),
    line('API Gateway WebSocket (messages)', usage.webSocketMessages, AWS_PRICES.webSocketMessage),
    line('DynamoDB on-demand (write units)', usage.dynamoDbWrites, AWS_PRICES.dynamoDbWrite),
    line('DynamoDB on-demand (read units)', usage.dynamoDbReads, AWS_PRICES.dynamoDbRead),
    line('S3 PUT', usage.s3Puts, AWS_PRICES.s3Put),
    line('S3 GET', usage.s3Gets, AWS_PRICES.s3Get),
    line('EventBridge (S3 event, default bus)', usage.eventBridgeEvents, AWS_PRICES.eventBridgeAwsEvent),
  ];
}

export function totalUsd(lines: readonly CostLine[]): number {
  return lines.reduce((sum, costLine) => sum + costLine.usdPer1000Rings, 0);
}
