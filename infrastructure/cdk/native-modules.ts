import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * sharp (used by `identify` to crop faces) is a native module: esbuild cannot bundle it, and the Lambda (Linux,
 * arm64) needs sharp's linux-arm64 binaries, which `npm install` on a laptop or CI runner does not fetch. To keep
 * `cdk synth` offline, the binaries are fetched once, explicitly, into a cache under node_modules
 * (`npm run native:linux-arm64`, which runs `prepare-native-modules.ts`); bundling then only copies them from there.
 * Without the cache the function is bundled without sharp: synthesis warns (so that an offline `cdk synth` stays
 * green), and the template carries a rule that fails the deployment, naming the command that fixes it.
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where `prepare-native-modules.ts` installs sharp for Lambda's platform (node_modules is never committed). */
export const NATIVE_MODULES_CACHE = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'doorbell-native', 'linux-arm64');

/** The Lambda platform the cache is for: the functions run on Graviton (arm64) with glibc. */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' } as const;

/** The packages that must be in the cache for sharp to load on Lambda. */
const REQUIRED = ['sharp', '@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64'];

/** The sharp version the project installed (and is tested with): the cache must hold the same one. */
export function projectSharpVersion(root: string = PROJECT_ROOT): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', 'sharp', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

export type NativeModulesStatus =
  | { readonly kind: 'ready'; readonly nodeModules: string }
  | { readonly kind: 'missing'; readonly reason: string };

/** Whether the cache holds sharp for Lambda, in the project's sharp version. */
export function sharpForLambda(cache: string = NATIVE_MODULES_CACHE, root: string = PROJECT_ROOT): NativeModulesStatus {
  const nodeModules = path.join(cache, 'node_modules');
  const missing = REQUIRED.filter((name) => !existsSync(path.join(nodeModules, name, 'package.json')));
  if (missing.length > 0) return { kind: 'missing', reason: `${missing.join(', ')} not found in ${nodeModules}` };
  const cached = (JSON.parse(readFileSync(path.join(nodeModules, 'sharp', 'package.json'), 'utf8')) as { version: string }).version;
  const wanted = projectSharpVersion(root);
  if (cached !== wanted) return { kind: 'missing', reason: `the cache holds sharp ${cached}, the project uses ${wanted}` };
  return { kind: 'ready', nodeModules };
}

/** The script the copy command runs (plain JavaScript: Node runs it without a compiler). */
export const COPY_SCRIPT = path.join(PROJECT_ROOT, 'infrastructure', 'cdk', 'copy-native-modules.mjs');

/**
 * The command (run after esbuild) that copies the cached node_modules next to the bundle: Node itself, no `cp` or
 * `mkdir`, so that it runs in Windows' shell as in a POSIX one. Every argument is double-quoted, which both shells
 * read alike as long as it holds no `"` (nor, for POSIX shells, `$` or a backquote): such a path is refused.
 * @throws Error when a path holds `"`, `$` or a backquote.
 */
export function copyNativeModulesCommands(nodeModules: string, outputDir: string, node: string = process.execPath): string[] {
  const args = [node, COPY_SCRIPT, nodeModules, path.join(outputDir, 'node_modules')];
  const unsafe = args.find((arg) => /["$`]/.test(arg));
  if (unsafe) throw new Error(`cannot copy native modules with a path holding ", $ or a backquote: ${unsafe}`);
  return [args.map((arg) => `"${arg}"`).join(' ')];
}
