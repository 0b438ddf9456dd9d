import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageAssets } from '../../adapters/local-http/page-routes';

/**
 * The browser pages, each a folder at the top of the project laid out the same way: `index.html`, `styles.css`
 * (served as `app.css`), `src/main.tsx` (bundled as `app.js`), optionally `src/service-worker.ts` (bundled as
 * `sw.js`, so its scope is the page's folder) and `public/` (files served as they are: manifest, icons). The local
 * doorbell serves each at `/<name>/`; the deployed stack uploads the same files (`writePageFiles`).
 */
export const BROWSER_PAGES = ['dashboard', 'door'] as const;

export type BrowserPage = (typeof BROWSER_PAGES)[number];

const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The folder a page's sources live in. */
export const pageFolder = (page: BrowserPage): string => `${PROJECT_DIR}${page}/`;

/** The file that holds a page's HTML when its files are written out (the page itself is `''` in PageAssets). */
export const PAGE_INDEX_FILE = 'index.html';

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
    // Deferred, so that a failed build is a rejection, never a throw in the caller's stack.
    assets = Promise.resolve()
      .then(() => bundlePage(page))
      .catch((error: unknown) => {
        built.delete(page);
        throw error;
      });
    built.set(page, assets);
  }
  return assets;
}

/** The dashboard's files: what `npm start` serves at `/dashboard/`. */
export const dashboardAssets = (): Promise<PageAssets> => pageAssets('dashboard');

/**
 * Writes the page's files into `folder` under the names they are served by (the page itself as `index.html`):
 * what the deployed stack uploads. Synchronous, because CDK builds its constructs (and bundles its assets)
 * synchronously; the same build as `pageAssets`, so the hosted page is the page `npm start` serves.
 * @throws esbuild's error, or Error for an empty bundle or a public file of unknown type.
 */
export function writePageFiles(page: BrowserPage, folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (const [name, { body }] of bundlePage(page)) writeFileSync(join(folder, name === '' ? PAGE_INDEX_FILE : name), body);
}

/**
 * One build, synchronous (esbuild's `buildSync`): ≈ 0.2 s once per page and process, which the local doorbell pays
 * at the first request for the page.
 */
function bundlePage(page: BrowserPage): PageAssets {
  const folder = pageFolder(page);
  const entries: [name: string, entry: string][] = [['app.js', `${folder}src/main.tsx`]];
  const serviceWorker = `${folder}src/service-worker.ts`;
  if (existsSync(serviceWorker)) entries.push(['sw.js', serviceWorker]);

  return new Map<string, { contentType: string; body: Uint8Array }>([
    ['', { contentType: 'text/html; charset=utf-8', body: readFileSync(`${folder}${PAGE_INDEX_FILE}`) }],
    ['app.css', { contentType: 'text/css; charset=utf-8', body: readFileSync(`${folder}styles.css`) }],
    ...entries.map(([name, entry]) => [name, { contentType: SCRIPT, body: bundleScript(entry, folder) }] as const),
    ...readPublicFiles(`${folder}public/`),
  ]);
}

function bundleScript(entry: string, folder: string): Uint8Array {
  // Loaded here, not with the module: every `doorbell` command loads the local doorbell's code, few serve pages.
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = buildSync({
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

function readPublicFiles(folder: string): [string, { contentType: string; body: Uint8Array }][] {
  const names = existsSync(folder) ? readdirSync(folder) : [];
  return names.sort().map((name) => {
    const contentType = PUBLIC_FILE_TYPES[extname(name)];
    if (!contentType) throw new Error(`${folder}${name}: no content type is known for this file`);
    return [name, { contentType, body: readFileSync(`${folder}${name}`) }];
  });
}
