import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOORBELL_RUNTIME, ESM_REQUIRE_BANNER } from '../../../infrastructure/cdk/constructs/doorbell-function';
import type { DYNAMODB_TABLES } from '../../../infrastructure/di/aws/dynamodb-tables';
import { LAMBDA_BUNDLE, lambdaEsbuildOptions } from '../../../infrastructure/cdk/lambda-bundle-options';
import {
  LAMBDA_DIR,
  LAMBDA_FUNCTION_NAMES,
  LAMBDA_SIZING,
  lambdaRoot,
  type LambdaFunctionName,
} from '../../../infrastructure/cdk/lambda-functions';
import { coldStartEnvironment } from '../../support/cold-start-environment';
import { resourcesOf, synthesizeDoorbell } from './doorbell-stacks';

/**
 * The real bundles: esbuild runs on each composition root of infrastructure/lambdas, locally, as `cdk deploy`
 * would (a few seconds each). What the house defaults promise is checked on the output itself.
 */
const run = promisify(execFile);

type TableVariable = (typeof DYNAMODB_TABLES)[keyof typeof DYNAMODB_TABLES]['variable'];
/** The API Gateway event each WebSocket function receives (adapters/lambda/websocket-events/); the others receive none. */
const EVENT_OF: Partial<Record<LambdaFunctionName, string>> = {
  authorizer: 'authorizer-request-event',
  'on-connect': 'connect-event',
  'on-disconnect': 'disconnect-event',
  'on-message': 'message-event',
  'on-resident-message': 'message-event',
  'on-doorbell-message': 'message-event',
};

/** The repository (adapters/dynamodb) each table variable brings into a bundle. */
const REPOSITORY_OF: { readonly [V in TableVariable]: string } = {
  CONNECTIONS_TABLE: 'dynamodb-connection-repository',
  RINGS_TABLE: 'dynamodb-ring-repository',
  RING_WINDOWS_TABLE: 'dynamodb-ring-window-repository',
  VISITORS_TABLE: 'dynamodb-visitor-repository',
  DEVICES_TABLE: 'dynamodb-device-repository',
  ACCESS_CODES_TABLE: 'dynamodb-access-code-repository',
  ANSWERS_TABLE: 'dynamodb-answer-repository',
  WEBHOOKS_TABLE: 'dynamodb-webhook-repository',
};
const bundles = new Map<LambdaFunctionName, { readonly dir: string; readonly code: string }>();

beforeAll(() => {
  const { app, doorbell, stateless } = synthesizeDoorbell({}, { bundle: true, context: { 'aws:cdk:enable-asset-metadata': true } });
  const outdir = app.synth().directory;
  const functions = resourcesOf(stateless, 'AWS::Lambda::Function');
  const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  for (const name of LAMBDA_FUNCTION_NAMES) {
    const asset = functions[idOf(doorbell.stateless.functions[name])]!.Metadata!['aws:asset:path'] as string;
    const dir = path.join(outdir, asset);
    bundles.set(name, { dir, code: readFileSync(path.join(dir, 'index.mjs'), 'utf8') });
  }
}, 180_000);

describe('the bundles', () => {
  for (const name of LAMBDA_FUNCTION_NAMES) {
    it(`${name}: one minified ESM file with the createRequire banner, the AWS SDK inside, and a source map`, () => {
      const { dir, code } = bundles.get(name)!;
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      // Minified: long lines (what newlines remain are inside template literals).
      expect(code.length / code.split('\n').length).toBeGreaterThan(500);
      // Bundled: no import of the SDK (or anything but Node built-ins and native modules) is left to the runtime.
      const external = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)/g)]
        .map((match) => match[1] ?? match[2] ?? '')
        .filter((specifier) => !specifier.startsWith('node:') && !builtinModules.includes(specifier));
      expect(new Set(external)).toEqual(new Set(LAMBDA_SIZING[name].nativeModules ?? []));
      expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
      const map = JSON.parse(readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as { sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
    });
  }

  // Loading a bundle runs its composition root (reading and validating the environment, building the container):
  // this is what fails when an ESM bundle lacks `require` ("Dynamic require of node:https is not supported").
  for (const name of LAMBDA_FUNCTION_NAMES.filter((fn) => fn !== 'identify')) {
    it(`${name}: loads in Node and exports a handler`, async () => {
      const { dir } = bundles.get(name)!;
      const entry = JSON.stringify(pathToFileURL(path.join(dir, 'index.mjs')).href);
      const script = `const m = await import(${entry}); console.log(typeof m.handler);`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: coldStartEnvironment() });
      expect(stdout.trim()).toBe('function');
    });
  }

  // The benchmarks build the bundles with lambdaEsbuildOptions: it must stay what NodejsFunction runs.
  it('lambdaEsbuildOptions builds byte for byte the bundle CDK builds', async () => {
    expect(DOORBELL_RUNTIME.name).toBe(`nodejs${LAMBDA_BUNDLE.target.replace('node', '')}.x`);
    for (const name of ['on-connect', 'identify'] as const) {
      const outputDir = mkdtempSync(path.join(tmpdir(), 'doorbell-bundle-'));
      const externals = name === 'identify' ? ['sharp'] : [];
      await build({ ...lambdaEsbuildOptions(path.join(LAMBDA_DIR, lambdaRoot(name).entry), outputDir, externals), logLevel: 'silent' });
      expect(readFileSync(path.join(outputDir, LAMBDA_BUNDLE.outputFile), 'utf8')).toBe(bundles.get(name)!.code);
    }
  }, 60_000);

  // A root names the bindings of its tables (dynamodb.module.ts); the repositories of the others must be tree-shaken
  // away, and nothing of zod may be left (valibot is the one validation library).
  for (const name of LAMBDA_FUNCTION_NAMES) {
    it(`${name}: holds the DynamoDB repositories of the tables it reads and the schema of its own event, no others`, async () => {
      const outputDir = mkdtempSync(path.join(tmpdir(), 'doorbell-bundle-'));
      const externals = LAMBDA_SIZING[name].nativeModules ?? [];
      const { metafile } = await build({
        ...lambdaEsbuildOptions(path.join(LAMBDA_DIR, lambdaRoot(name).entry), outputDir, externals),
        logLevel: 'silent',
        metafile: true,
      });
      // Modules esbuild read but dropped are listed too, with no bytes in the output.
      const included = Object.values(metafile.outputs).flatMap((output) =>
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([file]) => file),
      );
      const repositories = included.map((file) => /adapters\/dynamodb\/(dynamodb-[a-z-]+-repository)\.ts$/.exec(file)?.[1]).filter(Boolean);
      const expected = lambdaRoot(name).variables.flatMap((variable) =>
        variable in REPOSITORY_OF ? [REPOSITORY_OF[variable as TableVariable]] : [],
      );
      expect(new Set(repositories)).toEqual(new Set(expected));
      expect(included.filter((file) => /node_modules\/zod\//.test(file))).toEqual([]);
      expect(included).toContain('node_modules/valibot/dist/index.mjs');
      // Likewise the WebSocket event schemas: one module each, only the function's own event is built at cold start.
      const events = included.map((file) => /adapters\/lambda\/websocket-events\/([a-z-]+-event)\.ts$/.exec(file)?.[1]).filter(Boolean);
      expect(events).toEqual(EVENT_OF[name] ? [EVENT_OF[name]] : []);
    }, 60_000);
  }

  it('identify: sharp stays out of the bundle (native), shipped beside it once cached for linux-arm64', () => {
    const { dir, code } = bundles.get('identify')!;
    // Loaded on first use (a dynamic import), so that a cold start without a face to crop never loads it.
    expect(code).toMatch(/import\(\s*"sharp"\s*\)/);
    // Whether node_modules/sharp is beside the bundle depends on `npm run native:linux-arm64` having run here;
    // native-modules.test.ts covers both cases.
    expect(existsSync(path.join(dir, 'index.mjs'))).toBe(true);
  });
});
