import { readFileSync } from 'node:fs';
import { OUTPUTS } from './outputs';

/**
 * A deployment's outputs, as `npx cdk deploy --all --outputs-file cdk.out/outputs.json` writes them
 * (`{ "<stack>": { "<output>": "<value>" } }`), turned into what the composition modules read from the environment.
 */
export type StackOutputs = { readonly [K in keyof typeof OUTPUTS]: string };

/**
 * The outputs of `stack` in the outputs file `file`, each checked present.
 * @throws Error when the file is missing or not JSON, has no such stack, or the stack lacks an output (an older
 *   deployment), each saying what to do.
 */
export function readStackOutputs(file: string, stack: string): StackOutputs {
  let all: Record<string, Record<string, string>>;
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  } catch (error) {
    throw new Error(
      `Cannot read the outputs file ${file} (write it with: npx cdk deploy --all --outputs-file ${file}): ${(error as Error).message}`,
    );
  }
  const outputs = all[stack];
  if (!outputs) throw new Error(`${file} has no stack "${stack}" (it has: ${Object.keys(all).join(', ') || 'none'})`);
  const missing = Object.values(OUTPUTS).filter((name) => typeof outputs[name] !== 'string');
  if (missing.length > 0)
    throw new Error(`Stack "${stack}" in ${file} lacks the outputs ${missing.join(', ')}: deploy the current version first`);
  return Object.fromEntries(Object.entries(OUTPUTS).map(([key, name]) => [key, outputs[name]])) as StackOutputs;
}

/** The variables the AWS composition modules read, for a process administering the deployment. */
export function environmentFromOutputs(outputs: StackOutputs): Record<string, string> {
  return {
    AWS_REGION: outputs.region,
    CONNECTIONS_TABLE: outputs.connectionsTableName,
    RINGS_TABLE: outputs.ringsTableName,
    RING_WINDOWS_TABLE: outputs.ringWindowsTableName,
    VISITORS_TABLE: outputs.visitorsTableName,
    DEVICES_TABLE: outputs.devicesTableName,
    WEBHOOKS_TABLE: outputs.webhooksTableName,
    PHOTOS_BUCKET: outputs.photosBucketName,
    CONNECTIONS_API_ENDPOINT: outputs.connectionsApiEndpoint,
    DEVICE_TOKEN_SECRET_ARN: outputs.deviceTokenSecretArn,
    REKOGNITION_COLLECTION_PREFIX: outputs.rekognitionCollectionPrefix,
  };
}
