/**
 * `npm run native:linux-arm64`: installs sharp, in the project's version, for Lambda's platform (Linux, arm64,
 * glibc) into node_modules/.cache/doorbell-native/linux-arm64, from where bundling copies it next to the identify
 * function. `npm run deploy` runs it first; it downloads only when the cache is missing or holds another sharp
 * version (`--force` to fetch again), and is the only step that downloads. The project's own node_modules (the
 * binaries for this machine) are left untouched.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LAMBDA_PLATFORM, NATIVE_MODULES_CACHE, projectSharpVersion, sharpForLambda } from './native-modules';

const version = projectSharpVersion();
const cached = sharpForLambda();
if (cached.kind === 'ready' && !process.argv.includes('--force')) {
  console.log(`sharp ${version} for ${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu} is already in ${cached.nodeModules}`);
  process.exit(0);
}
rmSync(NATIVE_MODULES_CACHE, { recursive: true, force: true });
mkdirSync(NATIVE_MODULES_CACHE, { recursive: true });
// A project of its own, so that npm installs here and never walks up to the doorbell's package.json.
writeFileSync(
  path.join(NATIVE_MODULES_CACHE, 'package.json'),
  `${JSON.stringify({ name: 'doorbell-native-linux-arm64', private: true }, null, 2)}\n`,
);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(
  npm,
  [
    'install',
    `sharp@${version}`,
    '--prefix',
    NATIVE_MODULES_CACHE,
    `--os=${LAMBDA_PLATFORM.os}`,
    `--cpu=${LAMBDA_PLATFORM.cpu}`,
    `--libc=${LAMBDA_PLATFORM.libc}`,
    '--omit=dev',
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
  ],
  { stdio: 'inherit' },
);
const status = sharpForLambda();
if (status.kind !== 'ready') {
  console.error(`sharp for Lambda is still missing: ${status.reason}`);
  process.exit(1);
}
console.log(`sharp ${version} for ${LAMBDA_PLATFORM.os}-${LAMBDA_PLATFORM.cpu} is ready in ${status.nodeModules}`);
