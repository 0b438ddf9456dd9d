import path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda is bundled, in one place: `DoorbellFunction` hands these to CDK's NodejsFunction, and
 * `lambdaEsbuildOptions` turns them into the esbuild options NodejsFunction derives from them, so that the
 * benchmarks (and anything else) can build the very bundle CDK deploys without synthesizing a stack.
 * Kept free of aws-cdk-lib so that it loads quickly outside the CDK app.
 */

/**
 * An ESM bundle that contains the AWS SDK needs `require` for the SDK's CommonJS parts ("Dynamic require of
 * node:https is not supported" otherwise). Aliased so that no bundled `createRequire` can collide with it.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __doorbellCreateRequire } from 'module'; const require = __doorbellCreateRequire(import.meta.url);";

export const LAMBDA_BUNDLE = {
  format: 'esm',
  /** esbuild's target for the runtime (`DOORBELL_RUNTIME`, nodejs24.x); a test keeps the two in step. */
  target: 'node24',
  minify: true,
  sourceMap: true,
  // Stack traces map to file:line without shipping the sources themselves.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
  /** NodejsFunction names an ESM bundle index.mjs. */
  outputFile: 'index.mjs',
} as const;

/** The recognizers a bundle can be built for (infrastructure/di/aws/face-recognizer.module.ts). */
export type BundledRecognizer = 'rekognition' | 'model';

/**
 * esbuild's `define` for a bundle built for `recognizer`: `process.env.FACE_RECOGNIZER` becomes a constant, so the
 * other recognizer's branch, and its code, is left out of the bundle.
 */
export function recognizerDefine(recognizer: BundledRecognizer): Record<string, string> {
  return { 'process.env.FACE_RECOGNIZER': JSON.stringify(recognizer) };
}

/**
 * The esbuild build NodejsFunction runs for `entry` with LAMBDA_BUNDLE (its `--bundle --platform=node --target
 * --format --outfile --minify --sourcemap --sources-content --external --banner:js --main-fields --define`
 * arguments).
 * Everything is bundled, the AWS SDK included; only `externals` (native modules) stay out.
 */
export function lambdaEsbuildOptions(
  entry: string,
  outputDir: string,
  externals: readonly string[] = [],
  recognizer: BundledRecognizer = 'rekognition',
): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLE.target,
    format: LAMBDA_BUNDLE.format,
    outfile: path.join(outputDir, LAMBDA_BUNDLE.outputFile),
    minify: LAMBDA_BUNDLE.minify,
    sourcemap: LAMBDA_BUNDLE.sourceMap,
    sourcesContent: LAMBDA_BUNDLE.sourcesContent,
    external: [...externals],
    banner: { js: LAMBDA_BUNDLE.banner },
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    define: recognizerDefine(recognizer),
  };
}
