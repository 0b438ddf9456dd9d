import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DoorbellFunction } from '../../../infrastructure/cdk/constructs/doorbell-function';
import { COPY_SCRIPT, copyNativeModulesCommands, projectSharpVersion, sharpForLambda } from '../../../infrastructure/cdk/native-modules';
import { cdkJsonContext } from './doorbell-stacks';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./fixtures/sdk-request-probe.ts', import.meta.url));

/** A stack holding one DoorbellFunction on the probe entry; bundled for real when `bundle`. */
function probeStack(props: Partial<ConstructorParameters<typeof DoorbellFunction>[2]> = {}, bundle = false) {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
  const stack = new Stack(app, 'Probe');
  const fn = new DoorbellFunction(stack, 'Probe', { entry: PROBE, serviceName: 'probe', environment: { SOME_TABLE: 'table' }, ...props });
  const template = Template.fromStack(stack);
  const assetDir = () => {
    const resource = template.toJSON()['Resources'][stack.getLogicalId(fn.node.defaultChild as CfnElement)];
    return path.join(app.synth().directory, resource.Metadata['aws:asset:path'] as string);
  };
  return { stack, fn, template, assetDir };
}

/** A cache laid out as `npm run native:linux-arm64` leaves it. */
function fakeNativeCache(sharpVersion = projectSharpVersion()): string {
  const cache = mkdtempSync(path.join(tmpdir(), "doorbell native 'cache' "));
  for (const [name, version] of [
    ['sharp', sharpVersion],
    ['@img/sharp-linux-arm64', sharpVersion],
    ['@img/sharp-libvips-linux-arm64', '1.0.0'],
  ]) {
    const dir = path.join(cache, 'node_modules', name!);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }));
  }
  return cache;
}

describe('DoorbellFunction, the house Lambda', () => {
  it('runs the current Node.js runtime on arm64 with Powertools variables, its own role and a 30-day log group', () => {
    const { template, fn, stack } = probeStack();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: 10,
      Environment: {
        Variables: {
          SOME_TABLE: 'table',
          POWERTOOLS_SERVICE_NAME: 'probe',
          POWERTOOLS_METRICS_NAMESPACE: 'Doorbell',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    // The role starts with writing to its own log group, and nothing else (no AWS-managed policy).
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(fn.logs.node.defaultChild as CfnElement), 'Arn'] },
          },
        ],
      },
    });
  });

  it('bundles an ESM module that can send AWS SDK requests (the createRequire banner at work)', async () => {
    const { assetDir } = probeStack({}, true);
    const bundle = pathToFileURL(path.join(assetDir(), 'index.mjs')).href;
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(bundle)}); console.log(await m.handler());`,
    ]);
    // Reached the network layer: the request was built and sent, and refused by the closed port.
    expect(stdout).toContain('ECONNREFUSED');
  }, 60_000);

  describe('native modules (sharp for identify)', () => {
    it('warns at synthesis when sharp for linux-arm64 is not cached: such a function cannot start on Lambda', () => {
      const empty = mkdtempSync(path.join(tmpdir(), 'doorbell-empty-cache-'));
      const { stack } = probeStack({ nativeModules: ['sharp'], nativeModulesCache: empty });
      Annotations.fromStack(stack).hasWarning(
        '/Probe/Probe',
        Match.stringLikeRegexp('bundled without sharp for linux-arm64.*npm run native:linux-arm64'),
      );
    });

    it('fails the deployment without sharp for linux-arm64 (a rule that never holds), naming the command that fixes it', () => {
      const empty = mkdtempSync(path.join(tmpdir(), 'doorbell-empty-cache-'));
      const { template } = probeStack({ nativeModules: ['sharp'], nativeModulesCache: empty });
      const rules = Object.values(
        (template.toJSON()['Rules'] ?? {}) as Record<string, { Assertions: { Assert: unknown; AssertDescription: string }[] }>,
      );
      const ours = rules.filter((rule) =>
        rule.Assertions.some((assertion) => assertion.AssertDescription.includes('npm run native:linux-arm64')),
      );
      expect(ours).toHaveLength(1);
      expect(ours[0]!.Assertions[0]!.Assert).toEqual({ 'Fn::Equals': ['sharp for linux-arm64', 'missing'] });

      const ready = probeStack({ nativeModules: ['sharp'], nativeModulesCache: fakeNativeCache() }).template.toJSON()['Rules'] ?? {};
      expect(JSON.stringify(ready)).not.toContain('native:linux-arm64');
    });

    it('keeps sharp out of the bundle and copies the cached linux-arm64 packages beside it, offline', () => {
      const cache = fakeNativeCache();
      const { stack, assetDir } = probeStack({ nativeModules: ['sharp'], nativeModulesCache: cache }, true);
      Annotations.fromStack(stack).hasNoWarning('/Probe/Probe', Match.anyValue());
      for (const name of ['sharp', '@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64']) {
        expect(existsSync(path.join(assetDir(), 'node_modules', name, 'package.json'))).toBe(true);
      }
    }, 60_000);
  });
});

describe('the native-modules cache', () => {
  it("is ready only with sharp, its linux-arm64 binary and libvips, in the project's sharp version", () => {
    expect(sharpForLambda(mkdtempSync(path.join(tmpdir(), 'doorbell-empty-')))).toMatchObject({
      kind: 'missing',
      reason: expect.stringContaining('sharp, @img/sharp-linux-arm64, @img/sharp-libvips-linux-arm64 not found'),
    });
    expect(sharpForLambda(fakeNativeCache('0.0.1'))).toEqual({
      kind: 'missing',
      reason: `the cache holds sharp 0.0.1, the project uses ${projectSharpVersion()}`,
    });
    const cache = fakeNativeCache();
    expect(sharpForLambda(cache)).toEqual({ kind: 'ready', nodeModules: path.join(cache, 'node_modules') });
  });

  it('copies with Node, not shell tools, and refuses a path its quoting could not carry', () => {
    const [command] = copyNativeModulesCommands('/cache/node_modules', '/out', '/usr/bin/node');
    expect(command).toBe(`"/usr/bin/node" "${COPY_SCRIPT}" "/cache/node_modules" "/out/node_modules"`);
    expect(command).not.toMatch(/\b(cp|mkdir)\b/);
    expect(() => copyNativeModulesCommands('/cache/"x"/node_modules', '/out')).toThrow('path holding');
  });

  it('copies with commands that survive spaces and quotes in paths', async () => {
    const cache = fakeNativeCache();
    const output = mkdtempSync(path.join(tmpdir(), "doorbell out 'dir' "));
    for (const command of copyNativeModulesCommands(path.join(cache, 'node_modules'), output)) await run('bash', ['-c', command]);
    expect(JSON.parse(readFileSync(path.join(output, 'node_modules', '@img', 'sharp-linux-arm64', 'package.json'), 'utf8'))).toMatchObject({
      name: '@img/sharp-linux-arm64',
    });
  });
});
