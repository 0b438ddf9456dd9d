// The `doorbell` CLI precompiled: esbuild turns its TypeScript into JavaScript once, so that a command starts without
// compiling (tsx compiles on every run, ≈ 1.5 s). The build lives in node_modules/.cache/doorbell-cli/<hash of the
// sources>/; manifest.json there names the current one and the size and mtime of every source it was built from.
// `npm install`/`npm ci` build it (the `prepare` script runs this file); bin/doorbell.js rebuilds it when a source
// changed. Plain JavaScript: it runs before anything can compile TypeScript.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** DOORBELL_CLI_CACHE moves it (tests do); it must stay inside the project, where the bundle's packages resolve. */
const CACHE_DIR = path.resolve(PROJECT_ROOT, process.env.DOORBELL_CLI_CACHE ?? path.join('node_modules', '.cache', 'doorbell-cli'));
const MANIFEST_FILE = path.join(CACHE_DIR, 'manifest.json');
const ENTRY = 'infrastructure/cli/run.ts';
/** Not imported by the CLI, yet they shape the build: the compiler options and this recipe. */
const BUILD_INPUTS = ['tsconfig.json', 'bin/cli-build.js'];
const MANIFEST_VERSION = 1;

/**
 * The current build's entry file, or undefined when there is none or a source changed since (by size or mtime, so
 * that the check costs a `stat` per source, not a read). Never throws.
 * @returns {string | undefined}
 */
export function currentCliBuild() {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));
    if (manifest.version !== MANIFEST_VERSION) return undefined;
    for (const [file, size, mtimeMs] of manifest.inputs) {
      const stats = statSync(path.join(PROJECT_ROOT, file));
      if (stats.size !== size || stats.mtimeMs !== mtimeMs) return undefined;
    }
    return path.join(CACHE_DIR, manifest.dir, manifest.entry);
  } catch {
    return undefined;
  }
}

/**
 * Builds the CLI into the cache and makes it current; returns its entry file. Safe to run concurrently: each build
 * is written aside and moved into place whole.
 * @returns {Promise<string>}
 * @throws when esbuild is missing or the sources do not compile.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    // `start` and `--stack` are imported on demand; as chunks of their own, other commands never load them.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages load from node_modules as they do under tsx; the cache sits inside it, so they resolve.
    packages: 'external',
    outdir: 'out',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [ownImportMetaUrl],
  });
  const inputs = [...Object.keys(result.metafile.inputs), ...BUILD_INPUTS].sort();
  const hash = createHash('sha256');
  for (const file of inputs)
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(PROJECT_ROOT, file)))
      .update('\0');
  const dir = hash.digest('hex').slice(0, 16);
  const target = path.join(CACHE_DIR, dir);
  const aside = `${target}.${process.pid}.tmp`;
  for (const file of result.outputFiles) {
    const destination = path.join(aside, path.relative(path.join(PROJECT_ROOT, 'out'), file.path));
    mkdirSync(path.dirname(destination), { recursive: true });
    writeFileSync(destination, file.contents);
  }
  try {
    renameSync(aside, target);
  } catch {
    // Another process built the same sources first: its build is this one.
    rmSync(aside, { recursive: true, force: true });
  }
  const manifest = {
    version: MANIFEST_VERSION,
    dir,
    entry: 'run.mjs',
    inputs: inputs.map((file) => {
      const stats = statSync(path.join(PROJECT_ROOT, file));
      return [file, stats.size, stats.mtimeMs];
    }),
  };
  const manifestAside = `${MANIFEST_FILE}.${process.pid}.tmp`;
  writeFileSync(manifestAside, JSON.stringify(manifest));
  renameSync(manifestAside, MANIFEST_FILE);
  pruneOldBuilds(dir);
  return path.join(target, manifest.entry);
}

/** Older builds go, keeping the previous one: a command started just before this build may still load its chunks. */
function pruneOldBuilds(current) {
  const builds = readdirSync(CACHE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== current && !entry.name.endsWith('.tmp'))
    .map((entry) => ({ name: entry.name, mtimeMs: statSync(path.join(CACHE_DIR, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of builds.slice(1)) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
}

/**
 * `import.meta.url` keeps meaning the source file, as under tsx: the sources find `samples/` and `dashboard/`
 * relative to themselves, and the bundle sits elsewhere. Occurrences inside a string on their line (code that
 * writes code) are left alone.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      const contents = source
        .split('\n')
        .map((line) => line.replace(/import\.meta\.url/g, (match, offset) => (insideString(line.slice(0, offset)) ? match : url)))
        .join('\n');
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

function insideString(before) {
  return ["'", '"', '`'].some((quote) => before.split(quote).length % 2 === 0);
}

// `node bin/cli-build.js` (the `prepare` script): a failed build must not fail the install; the CLI then runs
// through tsx and retries the build on its next start.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCli();
  } catch (error) {
    process.stderr.write(`doorbell: the CLI was not precompiled (it will run through tsx): ${error.message}\n`);
  }
}
