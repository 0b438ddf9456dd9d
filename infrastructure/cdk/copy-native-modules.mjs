// Copies the cached native modules beside a function's bundle: `node copy-native-modules.mjs FROM TO`.
// Plain JavaScript run by the Node that runs the CDK app, so bundling needs no shell tools (`cp`, `mkdir`) and
// works the same on Windows.
import { cpSync, mkdirSync } from 'node:fs';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node copy-native-modules.mjs FROM TO');
  process.exit(2);
}
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
