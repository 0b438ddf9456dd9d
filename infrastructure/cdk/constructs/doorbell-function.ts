import { Annotations, CfnRule, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../../adapters/lambda/powertools-telemetry';
import { copyFaceModelCommands } from '../face-model-files';
import { LAMBDA_BUNDLE, recognizerDefine, type BundledRecognizer } from '../lambda-bundle-options';
import { copyNativeModulesCommands, NATIVE_MODULES_CACHE, sharpForLambda } from '../native-modules';

/** The current Node.js runtime (cdk-nag's AwsSolutions-L1 wants the latest this aws-cdk-lib knows). */
export const DOORBELL_RUNTIME = Runtime.NODEJS_24_X;

export { ESM_REQUIRE_BANNER } from '../lambda-bundle-options';

export interface DoorbellFunctionProps {
  /** The composition root exporting `handler` (infrastructure/lambdas/*.ts). */
  readonly entry: string;
  /** Powertools' service name (logs, metrics dimension). */
  readonly serviceName: string;
  /** The function's own variables; the Powertools ones are added. */
  readonly environment: Readonly<Record<string, string>>;
  readonly description?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly logRetention?: RetentionDays;
  /** Native modules left out of the bundle and shipped beside it (only `sharp`, only for identify). */
  readonly nativeModules?: readonly 'sharp'[];
  /** Where they are cached for Lambda's platform (default: `NATIVE_MODULES_CACHE`). */
  readonly nativeModulesCache?: string;
  /**
   * The recognizer the bundle is built for (default `rekognition`); with `model`, the face model's packages, wasm
   * files and weights are copied beside the bundle (face-model-files.ts).
   */
  readonly recognizer?: BundledRecognizer;
}

/**
 * The house Lambda: Node.js (current runtime) on arm64, one minified ESM bundle with source maps that includes the
 * AWS SDK v3 (measured faster to cold-start than the runtime's copy), Powertools variables, its own log group
 * (30 days) and its own role, which starts with nothing but writing to that log group: every other permission is
 * granted next to the function that needs it.
 */
export class DoorbellFunction extends NodejsFunction {
  /** The function's own role (also `this.role`), typed as the concrete Role it is. */
  readonly executionRole: Role;
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: DoorbellFunctionProps) {
    // The role and log group are made before the function (they are its props), so they sit beside it in the tree.
    const logs = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      // Operational logs, bounded by their retention; a deleted stack should not leave them behind.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Doorbell ${props.serviceName} function`,
    });
    const native = nativeModuleBundling(props.nativeModules ?? [], props.nativeModulesCache ?? NATIVE_MODULES_CACHE);
    const recognizer = props.recognizer ?? 'rekognition';
    const commandHooks = withFaceModel(native.commandHooks, recognizer);
    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      runtime: DOORBELL_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.description && { description: props.description }),
      role,
      logGroup: logs,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // The shared options (lambda-bundle-options.ts), which the benchmarks rebuild the bundles with.
        format: LAMBDA_BUNDLE.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        target: LAMBDA_BUNDLE.target,
        minify: LAMBDA_BUNDLE.minify,
        sourceMap: LAMBDA_BUNDLE.sourceMap,
        sourcesContent: LAMBDA_BUNDLE.sourcesContent,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        banner: LAMBDA_BUNDLE.banner,
        // Bundle everything, the AWS SDK included; only native modules stay out.
        externalModules: [...native.externals],
        // esbuild is a dev dependency: bundling runs locally, never in Docker.
        forceDockerBundling: false,
        define: recognizerDefine(recognizer),
        ...(commandHooks && { commandHooks }),
      },
    });
    this.executionRole = role;
    this.logs = logs;
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logs.logGroupArn] }),
    );
    if (native.missing) {
      Annotations.of(this).addWarningV2(
        'doorbell:nativeModulesMissing',
        `${props.serviceName} is bundled without sharp for linux-arm64 (${native.missing}): it will fail to start on Lambda. ` +
          'Run `npm run native:linux-arm64` once, then deploy.',
      );
      // Synthesis may go on (CI checks templates offline), a deployment may not: CloudFormation evaluates a rule's
      // assertions before it changes anything, and this one never holds.
      new CfnRule(scope, `${id}NativeModulesMissing`, {
        assertions: [
          {
            assert: Fn.conditionEquals('sharp for linux-arm64', 'missing'),
            assertDescription: `${props.serviceName} lacks sharp for linux-arm64. Run: npm run native:linux-arm64 (then deploy again)`,
          },
        ],
      });
    }
  }
}

function nativeModuleBundling(
  modules: readonly 'sharp'[],
  cache: string,
): {
  readonly externals: readonly string[];
  readonly commandHooks?: ICommandHooks;
  readonly missing?: string;
} {
  if (modules.length === 0) return { externals: [] };
  const status = sharpForLambda(cache);
  if (status.kind === 'missing') return { externals: modules, missing: status.reason };
  return {
    externals: modules,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_inputDir, outputDir) => copyNativeModulesCommands(status.nodeModules, outputDir),
    },
  };
}

/** The native modules' hooks, plus the face model's files when the bundle is built for the model. */
function withFaceModel(hooks: ICommandHooks | undefined, recognizer: BundledRecognizer): ICommandHooks | undefined {
  if (recognizer !== 'model') return hooks;
  return {
    beforeBundling: (inputDir, outputDir) => hooks?.beforeBundling(inputDir, outputDir) ?? [],
    beforeInstall: (inputDir, outputDir) => hooks?.beforeInstall(inputDir, outputDir) ?? [],
    afterBundling: (inputDir, outputDir) => [...(hooks?.afterBundling(inputDir, outputDir) ?? []), ...copyFaceModelCommands(outputDir)],
  };
}
