import { readdir, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageAssets } from '../../adapters/local-http/page-routes';

/**
 * The browser pages, each a folder at the top of the project laid out the same way: `index.html`, `styles.css`
 * (served as `app.css`), `src/main.tsx` (bundled as `app.js`), optionally `src/service-worker.ts` (bundled as
 * `sw.js`, so its scope is the page's folder) and `public/` (files served as they are: manifest, icons). The local
 * doorbell serves each at `/<name>/`; the deployed stack uploads the same files.
 */
export const BROWSER_PAGES = ['dashboard', 'door'] as const;

export type BrowserPage = (typeof BROWSER_PAGES)[number];

const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Content types of the files a page may ship in `public/`; anything else is refused at build time. */
const PUBLIC_FILE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const SCRIPT = 'text/javascript; charset=utf-8';

const built = new Map<BrowserPage, Promise<PageAssets>>();

/**
 * The page bundled in memory with esbuild, once per process and on first use, so `npm start` needs no build step
 * and never serves a stale bundle. A failed build is retried on the next request rather than remembered.
 * @throws (rejects with) esbuild's error, or Error for an empty bundle or a public file of unknown type.
 */
export function pageAssets(page: BrowserPage): Promise<PageAssets> {
  let assets = built.get(page);
  if (!assets) {
    assets = bundlePage(page).catch((error: unknown) => {
      built.delete(page);
      throw error;
    });
    built.set(page, assets);
  }
  return assets;
}

/** The dashboard's files: what `npm start` serves at `/dashboard/`. */
export const dashboardAssets = (): Promise<PageAssets> => pageAssets('dashboard');

async function bundlePage(page: BrowserPage): Promise<PageAssets> {
  const folder = `${PROJECT_DIR}${page}/`;
  const entries: [name: string, entry: string][] = [['app.js', `${folder}src/main.tsx`]];
  const serviceWorker = `${folder}src/service-worker.ts`;
  if (await exists(serviceWorker)) entries.push(['sw.js', serviceWorker]);

  const [scripts, html, styles, publicFiles] = await Promise.all([
    Promise.all(entries.map(async ([name, entry]) => [name, await bundleScript(entry, folder)] as const)),
    readFile(`${folder}index.html`),
    readFile(`${folder}styles.css`),
    readPublicFiles(`${folder}public/`),
  ]);
  return new Map<string, { contentType: string; body: Uint8Array }>([
    ['', { contentType: 'text/html; charset=utf-8', body: html }],
    ['app.css', { contentType: 'text/css; charset=utf-8', body: styles }],
    ...scripts.map(([name, body]) => [name, { contentType: SCRIPT, body }] as const),
    ...publicFiles,
  ]);
}

async function bundleScript(entry: string, folder: string): Promise<Uint8Array> {
  // Imported here, not with the module: every `doorbell` command loads the local doorbell's code, few serve pages.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    tsconfig: `${folder}tsconfig.json`,
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
  if (!script) throw new Error(`the bundle of ${entry} came out empty`);
  return script.contents;
}

async function readPublicFiles(folder: string): Promise<[string, { contentType: string; body: Uint8Array }][]> {
  const names = (await exists(folder)) ? await readdir(folder) : [];
  return Promise.all(
    names.sort().map(async (name) => {
      const contentType = PUBLIC_FILE_TYPES[extname(name)];
      if (!contentType) throw new Error(`${folder}${name}: no content type is known for this file`);
      return [name, { contentType, body: await readFile(`${folder}${name}`) }] as [string, { contentType: string; body: Uint8Array }];
    }),
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
}
