/**
 * `npm run bench [-- --quick] [-- --only id,id]`: runs the benchmarks and writes BENCHMARKS.md, bench/results.json
 * and the README's summary. `--quick` is a smoke run (few repetitions) written to the scratch folder instead, so
 * that its figures never replace the real ones.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks';
import { describeMachine } from './machine';
import { PROJECT_ROOT, SCRATCH_DIR } from './paths';
import { renderJson, renderReport, renderSummary, withSummary, type BenchmarkReport } from './report';
import type { BenchmarkSection } from './section';

// The SDK warns once per process that its Node 20 support ends: known, and noise in the run's output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    conditions: {
      type: 'string',
      default: 'The machine was shared with other work while the figures were taken: expect noise, hence the same-run baselines.',
    },
  },
});
const quick = values.quick ?? false;
const only = values.only?.split(',');
const chosen = BENCHMARKS.filter((benchmark) => !only || only.includes(benchmark.id));

const date = new Date().toISOString();
const sections: BenchmarkSection[] = [];
for (const benchmark of chosen) {
  const started = Date.now();
  process.stderr.write(`${benchmark.title}…\n`);
  sections.push(await benchmark.run({ quick }));
  process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

const report: BenchmarkReport = { date, machine: describeMachine(), quick, conditions: values.conditions ?? '', sections };
const full = !quick && !only;
const markdownFile = full ? path.join(PROJECT_ROOT, 'BENCHMARKS.md') : path.join(SCRATCH_DIR, 'BENCHMARKS.md');
const jsonFile = full ? path.join(PROJECT_ROOT, 'bench', 'results.json') : path.join(SCRATCH_DIR, 'results.json');
mkdirSync(path.dirname(markdownFile), { recursive: true });
writeFileSync(markdownFile, renderReport(report));
writeFileSync(jsonFile, renderJson(report, PROJECT_ROOT));
if (full) {
  const readme = path.join(PROJECT_ROOT, 'README.md');
  writeFileSync(readme, withSummary(readFileSync(readme, 'utf8'), report));
  // The tree's formatter aligns Markdown tables; without this the next `npm run lint` fails on the fresh tables.
  execFileSync('npx', ['biome', 'format', '--write', readme, markdownFile], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}
process.stdout.write(
  `${renderSummary(report)}\n\nWrote ${path.relative(process.cwd(), markdownFile)} and ${path.relative(process.cwd(), jsonFile)}.\n`,
);
// Sockets, timers and servers a benchmark left behind must not keep the run alive.
process.exit(0);
