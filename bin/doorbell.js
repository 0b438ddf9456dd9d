#!/usr/bin/env node
// The `doorbell` CLI: runs the TypeScript sources through tsx (a dependency), no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that its Node 20 support ends in 2027; the README says which Node to use.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
await import('../infrastructure/cli/run.ts');
