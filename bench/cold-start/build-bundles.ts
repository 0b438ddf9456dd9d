import { statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLE, lambdaEsbuildOptions } from '../../infrastructure/cdk/lambda-bundle-options';
import { clientsIn } from './lambda-clients';

/**
 * - `deployed`: what CDK deploys (the shared options: everything bundled, minified).
 * - `naive`: the AWS SDK left to the runtime's copy (NodejsFunction's default externals), not minified.
 * - `floor`: the minimal handler making the same SDK calls, bundled like `deployed` (the old floor).
 * - `new-floor`: that handler bound in an inversify container as the roots bind (`floors/in-container.ts`), bundled
 *   like `deployed`: the customer's container is part of every function, so the floor includes it.
 */
export type Variant = 'deployed' | 'naive' | 'floor' | 'new-floor';

export interface BuiltBundle {
  readonly variant: Variant;
  readonly file: string;
  /** The bundle file itself (the source map is not loaded at start). */
  readonly bytes: number;
  /** The `@aws-sdk/client-*` packages inside the bundle. */
  readonly clients: readonly string[];
  /** Bytes of each top-level package in the bundle (or `(project)` for our own code), largest first. */
  readonly heaviest: readonly { readonly name: string; readonly bytes: number }[];
}

/** Builds `entry` as `variant` into `outputDir`; `externals` are the native modules the function ships beside it. */
export async function buildBundle(
  entry: string,
  outputDir: string,
  variant: Variant,
  externals: readonly string[],
  /** Changes to the deployed options, for a profile (never for a timed figure). */
  overrides: BuildOptions = {},
): Promise<BuiltBundle> {
  const deployed = { ...lambdaEsbuildOptions(entry, outputDir, externals), ...overrides };
  const options: BuildOptions = variant === 'naive' ? { ...deployed, minify: false, external: [...externals, '@aws-sdk/*'] } : deployed;
  const result = await build({ ...options, metafile: true, logLevel: 'silent' });
  const file = path.join(outputDir, LAMBDA_BUNDLE.outputFile);
  const output = Object.values(result.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined)!;
  return {
    variant,
    file,
    bytes: statSync(file).size,
    clients: clientsIn(Object.keys(result.metafile.inputs)),
    heaviest: heaviestPackages(output),
  };
}

function heaviestPackages(output: Metafile['outputs'][string]): { name: string; bytes: number }[] {
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    const name = match ? match[1]! : '(project)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
