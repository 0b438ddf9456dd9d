import type { LambdaFunctionName } from '../../infrastructure/cdk/lambda-functions';

/** The AWS SDK clients each function calls: a bundle carrying any other client carries dead weight. */
export const CLIENTS_CALLED: { readonly [K in LambdaFunctionName]: readonly string[] } = {
  authorizer: ['client-dynamodb', 'client-secrets-manager'],
  'on-connect': ['client-dynamodb'],
  'on-disconnect': ['client-dynamodb'],
  'on-message': ['client-apigatewaymanagementapi'],
  'on-resident-message': ['client-apigatewaymanagementapi', 'client-dynamodb', 'client-rekognition', 'client-s3', 'client-sfn'],
  'on-doorbell-message': ['client-apigatewaymanagementapi', 'client-dynamodb', 'client-s3', 'client-sqs'],
  identify: ['client-dynamodb', 'client-rekognition', 'client-s3'],
  announce: ['client-apigatewaymanagementapi', 'client-dynamodb', 'client-s3'],
  'answer-window': ['client-dynamodb', 'client-sfn'],
  'deliver-webhooks': ['client-dynamodb', 'client-s3', 'client-sqs'],
};

/** The `@aws-sdk/client-*` packages a bundle's metafile lists among its inputs. */
export function clientsIn(inputs: readonly string[]): string[] {
  const clients = new Set<string>();
  for (const input of inputs) {
    const match = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(input);
    if (match) clients.add(match[1]!);
  }
  return [...clients].sort();
}
