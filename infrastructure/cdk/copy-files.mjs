// Copies files, keeping their relative paths: `node copy-files.mjs FROM TO RELATIVE...`. Plain JavaScript run by the
// Node that runs the CDK app, so bundling needs no shell tools and works the same on Windows.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const [from, to, ...files] = process.argv.slice(2);
if (!from || !to || files.length === 0) {
  console.error('usage: node copy-files.mjs FROM TO RELATIVE...');
  process.exit(2);
}
const missing = files.filter((file) => !existsSync(path.join(from, file)));
if (missing.length > 0) {
  console.error(`not found in ${from}: ${missing.join(', ')}`);
  process.exit(1);
}
for (const file of files) {
  mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
  cpSync(path.join(from, file), path.join(to, file));
}
