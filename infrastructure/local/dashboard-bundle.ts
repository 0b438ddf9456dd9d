import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DashboardAssets } from '../../adapters/local-http/dashboard-routes';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));

let built: Promise<DashboardAssets> | undefined;

/**
 * The dashboard (`dashboard/`: Preact, TypeScript) bundled in memory with esbuild, once per process and on first
 * use, so `npm start` needs no build step and never serves a stale bundle. A failed build is retried on the next
 * request rather than remembered.
 * @throws (rejects with) esbuild's error, or Error for an empty bundle.
 */
export function dashboardAssets(): Promise<DashboardAssets> {
  built ??= bundle().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

async function bundle(): Promise<DashboardAssets> {
  // Imported here, not with the module: every `doorbell` command loads the local doorbell's code, few serve the page.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [`${DASHBOARD_DIR}src/main.tsx`],
    tsconfig: `${DASHBOARD_DIR}tsconfig.json`,
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const script = result.outputFiles[0];
  if (!script) throw new Error('the dashboard bundle came out empty');
  const [page, styles] = await Promise.all([readFile(`${DASHBOARD_DIR}index.html`), readFile(`${DASHBOARD_DIR}styles.css`)]);
  return new Map([
    ['', { contentType: 'text/html; charset=utf-8', body: page }],
    ['app.js', { contentType: 'text/javascript; charset=utf-8', body: script.contents }],
    ['app.css', { contentType: 'text/css; charset=utf-8', body: styles }],
  ]);
}
