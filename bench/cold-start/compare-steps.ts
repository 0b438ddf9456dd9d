/**
 * A step's gain, measured in one run: `npx tsx bench/cold-start/compare-steps.ts build <label>` builds every
 * function's deployed bundle from the tree as it is (and the new floors) into a folder named `label`; after the
 * change, `build` again under another label, then `compare <before> <after> [--rounds 21] [--only a,b]` imports
 * each bundle of both in fresh processes, round-robin with the new floors, and prints each function's cold import
 * over its new floor before and after. The figures for `history.ts`; not part of `npm run bench`.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  LAMBDA_DIR,
  LAMBDA_FUNCTION_NAMES,
  LAMBDA_SIZING,
  lambdaRoot,
  type LambdaFunctionName,
} from '../../infrastructure/cdk/lambda-functions';
import { coldStartEnvironment } from '../../test/support/cold-start-environment';
import { SCRATCH_DIR } from '../paths';
import { renderTable } from '../report';
import { fixed, median, signed } from '../stats';
import { buildBundle } from './build-bundles';
import { newFloorEntry } from './new-floor';
import { timeColdImport, type ProcessTiming } from './time-import';

const STEPS_DIR = path.join(SCRATCH_DIR, 'cold-start-steps');
const bundleOf = (label: string, name: string) => path.join(STEPS_DIR, label, name, 'index.mjs');

async function build(label: string, names: readonly LambdaFunctionName[]): Promise<void> {
  for (const name of names) {
    const outputDir = path.join(STEPS_DIR, label, name);
    rmSync(outputDir, { recursive: true, force: true });
    mkdirSync(outputDir, { recursive: true });
    const externals = LAMBDA_SIZING[name].nativeModules ?? [];
    const { bytes } = await buildBundle(path.join(LAMBDA_DIR, lambdaRoot(name).entry), outputDir, 'deployed', externals);
    const floorDir = path.join(STEPS_DIR, 'new-floor', name);
    if (!existsSync(path.join(floorDir, 'index.mjs'))) {
      mkdirSync(floorDir, { recursive: true });
      await buildBundle(newFloorEntry(name, floorDir), floorDir, 'deployed', externals);
    }
    process.stdout.write(`${label}/${name}: ${fixed(bytes / 1024, 0)} KB\n`);
  }
}

async function compare(before: string, after: string, names: readonly LambdaFunctionName[], rounds: number): Promise<void> {
  const environment = coldStartEnvironment();
  const samples = new Map(
    names.map((name) => [name, { before: [] as ProcessTiming[], after: [] as ProcessTiming[], floor: [] as ProcessTiming[] }]),
  );
  for (let round = 0; round < rounds; round += 1) {
    for (const name of names) {
      const own = samples.get(name)!;
      own.floor.push(await timeColdImport(bundleOf('new-floor', name), environment));
      own.before.push(await timeColdImport(bundleOf(before, name), environment));
      own.after.push(await timeColdImport(bundleOf(after, name), environment));
    }
    process.stderr.write('.');
  }
  const paired = (measured: readonly ProcessTiming[], baseline: readonly ProcessTiming[], read: (timing: ProcessTiming) => number) =>
    signed(median(measured.map((timing, round) => read(timing) - read(baseline[round]!))));
  const rows = names.map((name) => {
    const own = samples.get(name)!;
    const both = (measured: readonly ProcessTiming[], baseline: readonly ProcessTiming[]) =>
      `${paired(measured, baseline, (timing) => timing.wallMs)} / ${paired(measured, baseline, (timing) => timing.cpuMs)}`;
    return [name, both(own.before, own.floor), both(own.after, own.floor), both(own.after, own.before)];
  });
  process.stdout.write(
    `\n${rounds} rounds; medians of the round-by-round differences, ms of wall time / of CPU time\n\n` +
      `${renderTable({ columns: ['function', `${before} over new floor`, `${after} over new floor`, 'after − before'], rows })}\n`,
  );
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '21' }, only: { type: 'string' } },
});
const names = values.only ? (values.only.split(',') as LambdaFunctionName[]) : LAMBDA_FUNCTION_NAMES;
const [command, first, second] = positionals;
if (command === 'build' && first) await build(first, names);
else if (command === 'compare' && first && second) await compare(first, second, names, Number(values.rounds));
else throw new Error('usage: compare-steps.ts build <label> | compare <before> <after> [--rounds 21] [--only a,b]');
