#!/usr/bin/env node
// The `doorbell` CLI: runs the sources precompiled by esbuild (bin/cli-build.js), rebuilt first when one changed;
// if they cannot be built, runs them through tsx (a dependency), which compiles on every start.
import { buildCli, currentCliBuild } from './cli-build.js';

// The AWS SDK warns on every start that its Node 20 support ends in 2027; the README says which Node to use.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const built = currentCliBuild() ?? (await buildCli().catch(() => undefined));
if (built) {
  // Stack traces of unexpected failures point at the TypeScript sources, not the bundle.
  process.setSourceMapsEnabled(true);
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../infrastructure/cli/run.ts');
}
