/**
 * Where a Lambda's cold import spends its time, by module: `npx tsx bench/cold-start/profile-import.ts <function>
 * [--runs 10] [--variant deployed|floor|new-floor] [--by package|file]`. Builds the bundle as the cold-start benchmark
 * does, imports it in fresh `node --cpu-prof` processes, maps every sampled frame through the bundle's source map
 * back to its source file and prints the self time per module (mean per import), heaviest first. Not part of
 * `npm run bench`: a tool for finding what a bundle need not do at load.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  LAMBDA_DIR,
  LAMBDA_FUNCTION_NAMES,
  LAMBDA_SIZING,
  lambdaRoot,
  type LambdaFunctionName,
} from '../../infrastructure/cdk/lambda-functions';
import { coldStartEnvironment } from '../../test/support/cold-start-environment';
import { PROJECT_ROOT, SCRATCH_DIR } from '../paths';
import { renderTable } from '../report';
import { fixed } from '../stats';
import { buildBundle } from './build-bundles';
import { FLOORS_DIR, newFloorEntry } from './new-floor';

export interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
  /** Samples per source line (1-based) of the frame, which V8 records with --cpu-prof. */
  readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The module a source path belongs to: an npm package (`@smithy/core`), or a project file relative to the project. */
function moduleOf(source: string, by: 'package' | 'file'): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source);
  if (inPackage) return by === 'package' ? inPackage[1]! : `${inPackage[1]}/${inPackage[2]}`;
  const project = path.relative(PROJECT_ROOT, source);
  return `(project) ${by === 'package' ? project.split('/').slice(0, 2).join('/') : project}`;
}

/** Where in the sources a line of the bundle (1-based) comes from: the first mapped column of the line. */
export type LineMapper = (line: number, column?: number) => string | undefined;

function lineMapper(bundleFile: string, by: 'package' | 'file'): LineMapper {
  const sourceMap = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
  const lines = readFileSync(bundleFile, 'utf8').split('\n');
  return (line, column) => {
    const text = lines[line - 1] ?? '';
    const at = column ?? text.length - text.trimStart().length;
    const entry = sourceMap.findEntry(line - 1, at) as { originalSource?: string; generatedLine?: number };
    if (!entry.originalSource) return undefined;
    return moduleOf(path.resolve(path.dirname(bundleFile), entry.originalSource), by);
  };
}

/**
 * Self time (µs) per module over one profile. A frame of the bundle counts for the module its lines come from (by
 * V8's per-line ticks, so that the bundle's top-level code, which holds every ES module's body, splits by module);
 * node's own code and native work count for the nearest bundle frame that called them (a `require` of a built-in,
 * a compile), and what no bundle frame called (node's start, the garbage collector) stays apart.
 */
export function selfTimeByModule(profile: CpuProfile, bundleUrl: string, mapLine: LineMapper): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const sampleTime = new Map<number, number>();
  profile.samples.forEach((id, index) => sampleTime.set(id, (sampleTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const inclusive = new Map<number, number>();
  const inclusiveOf = (id: number): number => {
    let micros = inclusive.get(id);
    if (micros === undefined) {
      micros = (sampleTime.get(id) ?? 0) + (byId.get(id)!.children ?? []).reduce((sum, child) => sum + inclusiveOf(child), 0);
      inclusive.set(id, micros);
    }
    return micros;
  };
  const totals = new Map<string, number>();
  const add = (name: string, micros: number) => totals.set(name, (totals.get(name) ?? 0) + micros);
  const moduleOfFrame = (node: ProfileNode) => mapLine(node.callFrame.lineNumber + 1, node.callFrame.columnNumber);
  // esbuild's runtime wrappers (`__esm`, `__commonJS`: no source) run a module's body on first use; V8 compiles that body
  // then, in the wrapper's frame. Their time goes to the modules they ran, in proportion to the time spent in each.
  const addToModules = (node: ProfileNode, micros: number): void => {
    const called = (node.children ?? []).map((child) => byId.get(child)!).filter((child) => child.callFrame.url === bundleUrl);
    const calledTime = called.reduce((sum, child) => sum + inclusiveOf(child.id), 0);
    if (calledTime === 0) add('(esbuild runtime)', micros);
    for (const child of called) add(moduleOfFrame(child) ?? '(esbuild runtime)', (micros * inclusiveOf(child.id)) / calledTime);
  };
  for (const [id, micros] of sampleTime) {
    const node = byId.get(id)!;
    const { url, functionName } = node.callFrame;
    if (url === bundleUrl) {
      const ticks = node.positionTicks ?? [];
      const all = ticks.reduce((sum, tick) => sum + tick.ticks, 0);
      const lines =
        all === 0
          ? [{ module: moduleOfFrame(node), share: 1 }]
          : ticks.map((tick) => ({ module: mapLine(tick.line), share: tick.ticks / all }));
      for (const { module, share } of lines) {
        if (module === undefined) addToModules(node, micros * share);
        else add(module, micros * share);
      }
      continue;
    }
    if (functionName === 'compileSourceTextModule') {
      add('(parse and compile of the bundle)', micros);
      continue;
    }
    let caller = parent.get(id);
    while (caller !== undefined && byId.get(caller)!.callFrame.url !== bundleUrl) caller = parent.get(caller);
    if (caller !== undefined) {
      const frame = byId.get(caller)!.callFrame;
      add(mapLine(frame.lineNumber + 1, frame.columnNumber) ?? '(bundle, unmapped)', micros);
    } else if (functionName === '(garbage collector)') add('(garbage collector)', micros);
    else if (functionName === '(idle)') add('(idle)', micros);
    else add('(outside the import: node start, module loading)', micros);
  }
  return totals;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string', default: '10' },
      variant: { type: 'string', default: 'deployed' },
      by: { type: 'string', default: 'package' },
      top: { type: 'string', default: '25' },
    },
  });
  const name = positionals[0] as LambdaFunctionName;
  if (!LAMBDA_FUNCTION_NAMES.includes(name)) throw new Error(`name a function: ${LAMBDA_FUNCTION_NAMES.join(', ')}`);
  const runs = Number(values.runs);
  const by = values.by === 'file' ? 'file' : 'package';
  const variant = values.variant as 'deployed' | 'floor' | 'new-floor';
  const outputDir = path.join(SCRATCH_DIR, 'profile', name, variant);
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const entry =
    variant === 'deployed'
      ? path.join(LAMBDA_DIR, lambdaRoot(name).entry)
      : variant === 'floor'
        ? path.join(FLOORS_DIR, `${name}.ts`)
        : newFloorEntry(name, outputDir);
  // Minified as deployed but for line breaks, so that V8's per-line ticks tell the modules apart.
  const bundle = await buildBundle(entry, outputDir, 'deployed', LAMBDA_SIZING[name].nativeModules ?? [], {
    minify: false,
    minifyIdentifiers: true,
    minifySyntax: true,
  });
  const bundleUrl = pathToFileURL(bundle.file).href;
  const mapLine = lineMapper(bundle.file, by);
  const profileDir = path.join(outputDir, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const script = `await import(${JSON.stringify(bundleUrl)});`;
  for (let run = 0; run < runs; run += 1) {
    const result = spawnSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', profileDir, '--input-type=module', '-e', script],
      { env: coldStartEnvironment(), encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`cold import of ${bundle.file} exited ${result.status}: ${result.stderr}`);
  }
  const totals = new Map<string, number>();
  for (const file of readdirSync(profileDir)) {
    const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile;
    for (const [module, micros] of selfTimeByModule(profile, bundleUrl, mapLine)) totals.set(module, (totals.get(module) ?? 0) + micros);
  }
  const all = [...totals.values()].reduce((sum, micros) => sum + micros, 0);
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(([module, micros]) => [module, fixed(micros / runs / 1000, 2), `${fixed((micros / all) * 100, 1)} %`]);
  process.stdout.write(
    `${name} (${variant}), ${fixed(bundle.bytes / 1024, 0)} KB, ${runs} cold imports; self time per import, by ${by}:\n\n` +
      `${renderTable({ columns: ['module', 'self ms', 'share'], rows: [...rows, ['all', fixed(all / runs / 1000, 2), '100 %']] })}\n`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
