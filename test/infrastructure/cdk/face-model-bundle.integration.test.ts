import { execFile, execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRingRepository } from '../../../adapters/dynamodb/dynamodb-ring-repository';
import { copyFaceModelCommands } from '../../../infrastructure/cdk/face-model-files';
import { LAMBDA_BUNDLE, lambdaEsbuildOptions } from '../../../infrastructure/cdk/lambda-bundle-options';
import { LAMBDA_DIR, lambdaRoot } from '../../../infrastructure/cdk/lambda-functions';
import { COPY_SCRIPT, PROJECT_ROOT } from '../../../infrastructure/cdk/native-modules';
import { householdId, ringId, visitorId } from '../../../domain/ids';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { objectCreatedEvent } from '../../../infrastructure/local/object-created-event';
import { startDynalite, type LocalDynamoDb } from '../../support/dynalite';
import { FAKE_S3_CREDENTIALS, FAKE_S3_REGION, startFakeS3 } from '../../support/fake-s3';
import { modelModeIdentifyStorage } from '../../support/model-mode-identify';
import { realSample } from '../../support/real-face-photos';

/**
 * The identify bundle as `-c doorbell:recognizer=model` deploys it: esbuild with the CDK's options for the model,
 * then the construct's afterBundling copy of the face model's files beside it, into a folder under the system's
 * temporary directory, where Node cannot fall back to the project's node_modules. Loaded in a fresh `node` process
 * pointing at dynalite and the loopback S3, it must name a visitor enrolled beforehand on another real photo of her.
 */
const run = promisify(execFile);
const HOME = householdId('home-face-model-bundle');
const BUCKET = 'doorbell-photos';
const EILEEN = visitorId('visitor-eileen');
/**
 * sharp for this machine: the deployed bundle gets sharp's linux-arm64 packages from the native modules cache
 * (native-modules.ts); here the host's own packages (sharp, its platform binaries and its dependencies) are copied
 * beside the bundle with the same script, so that the bundle decodes photos on the machine running the test.
 */
const HOST_SHARP_PACKAGES = [
  'sharp',
  `@img/sharp-${process.platform}-${process.arch}`,
  `@img/sharp-libvips-${process.platform}-${process.arch}`,
  '@img/colour',
  'detect-libc',
  'semver',
];

let outputDir: string;
let dynamo: LocalDynamoDb;
let s3: Awaited<ReturnType<typeof startFakeS3>>;
let variables: Record<string, string>;

beforeAll(async () => {
  outputDir = mkdtempSync(path.join(tmpdir(), 'doorbell-face-model-bundle-'));
  const bundling = build({
    ...lambdaEsbuildOptions(path.join(LAMBDA_DIR, lambdaRoot('identify').entry), outputDir, ['sharp'], 'model'),
    logLevel: 'silent',
  }).then(() => {
    for (const command of copyFaceModelCommands(outputDir)) execSync(command);
    for (const name of HOST_SHARP_PACKAGES) {
      execSync(
        `"${process.execPath}" "${COPY_SCRIPT}" "${path.join(PROJECT_ROOT, 'node_modules', name)}" "${path.join(outputDir, 'node_modules', name)}"`,
      );
    }
  });
  [dynamo, s3] = await Promise.all([startDynalite(), startFakeS3({ listablePrefixes: [PHOTO_KEY_PREFIX] })]);
  variables = {
    PATH: process.env['PATH'] ?? '',
    AWS_REGION: FAKE_S3_REGION,
    AWS_ACCESS_KEY_ID: FAKE_S3_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_S3_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...(await modelModeIdentifyStorage(dynamo, { bucket: BUCKET, endpoint: s3.endpoint }, HOME, EILEEN)),
  };
  await bundling;
}, 180_000);
afterAll(async () => {
  await Promise.all([dynamo?.close(), s3?.close()]);
  if (outputDir) rmSync(outputDir, { recursive: true, force: true });
});

/** Runs the bundle's handler once in a fresh `node` process (a cold start) with only the function's environment. */
async function invokeBundle(event: unknown): Promise<unknown> {
  const bundle = pathToFileURL(path.join(outputDir, LAMBDA_BUNDLE.outputFile)).href;
  const script = `
    const context = { functionName: 'doorbell-identify', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 60000 };
    try {
      const { handler } = await import(${JSON.stringify(bundle)});
      console.log('RESULT ' + JSON.stringify(await handler(JSON.parse(process.env.TEST_EVENT), context)));
    } catch (error) {
      // The error and its cause only: Node's own report of an uncaught one quotes the minified bundle's line.
      console.error(error, error.cause);
      process.exit(1);
    }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: outputDir,
    env: { ...variables, TEST_EVENT: JSON.stringify(event) },
  });
  const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (!line) throw new Error(`the bundle printed no result: ${stdout}`);
  return JSON.parse(line.slice('RESULT '.length));
}

describe('the identify bundle built for the face model', () => {
  it('loads the model from the files copied beside it and names a visitor enrolled from another real photo', async () => {
    const key = `${PHOTO_KEY_PREFIX}${HOME}/camera-front/${Date.now()}-ring-bundle.jpg`;
    const body = Buffer.from(realSample('eileen-collins-2.jpg'));
    s3.objects.set(`${BUCKET}/${key}`, { body, contentType: 'image/jpeg' });

    const result = await invokeBundle(
      objectCreatedEvent({ bucket: BUCKET, key, size: body.byteLength, at: new Date(), eventId: 'bundle' }),
    );

    expect(result).toMatchObject({ kind: 'recorded', ringId: 'ring-bundle', outcome: 'known' });
    const rings = new DynamoDbRingRepository({ client: dynamo.documentClient, tableName: variables['RINGS_TABLE']! });
    expect((await rings.get(HOME, ringId('ring-bundle'), Date.now()))?.identification).toMatchObject({
      kind: 'known',
      visitors: [{ visitorId: EILEEN, name: 'Eileen' }],
    });
  }, 120_000);
});
