import type { LambdaContext } from '../../../infrastructure/lambdas/lambda-entry';

/** A Lambda context as the runtime passes it. */
export function lambdaContext(functionName: string, awsRequestId = 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef'): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/25/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 5_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
