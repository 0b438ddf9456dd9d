import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import type { Benchmark, Figure } from '../section';
import { verdict } from '../section';
import { fixed, median, ratio, times } from '../stats';
import { type Run, timeToExit, timeToOutput } from './time-process';

const TARGET_HELP_RATIO = 2.5;
const TARGET_HISTORY_RATIO = 4;
const WS_URL = /ws:\/\/\S+/;
const BIN = path.join(PROJECT_ROOT, 'bin', 'doorbell.js');
const START_SCRIPT = 'node bin/doorbell.js start';

/** `node ARGS` in `cwd`. */
const node = (cwd: string, ...args: string[]): Run => ({ command: process.execPath, args, cwd });

/**
 * A folder where `npm start` runs the project's own start script with the project's `bin/` (a symlink): like a
 * checkout, but the local doorbell's state (`.doorbell/`) lands here, not in the project.
 */
function npmStartFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'doorbell-npm-start-'));
  writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify({ name: 'npm-start-bench', private: true, type: 'module', scripts: { start: START_SCRIPT } }),
  );
  symlinkSync(path.join(PROJECT_ROOT, 'bin'), path.join(folder, 'bin'));
  return folder;
}

export const cliStart: Benchmark = {
  id: 'cli-start',
  title: 'CLI start',
  async run({ quick }) {
    const rounds = quick ? 5 : 21;
    const startRounds = quick ? 2 : 7;
    const tsxRounds = quick ? 2 : 5;
    const home = mkdtempSync(path.join(tmpdir(), 'doorbell-cli-bench-'));
    const npmFolder = npmStartFolder();
    const env = { PORT: '0' };
    // The build the bin runs: made now if a source changed (timed alone below), so that no round pays for it.
    await timeToExit(node(PROJECT_ROOT, BIN, '--help'));
    const rebuildMs = await timeToExit(node(PROJECT_ROOT, path.join(PROJECT_ROOT, 'bin', 'cli-build.js')));
    const server = await timeToOutput({ ...node(home, BIN, 'start', '--empty'), env }, WS_URL);
    const samples = { bareNode: [] as number[], help: [] as number[], history: [] as number[] };
    const startSamples = { bareNode: [] as number[], start: [] as number[], npmStart: [] as number[] };
    const tsxHelp: number[] = [];
    try {
      // Round-robin, so that a busy spell of the shared machine weighs on every variant alike.
      for (let round = 0; round < rounds; round += 1) {
        samples.bareNode.push(await timeToExit(node(home, '-e', '0')));
        samples.help.push(await timeToExit(node(home, BIN, '--help')));
        samples.history.push(await timeToExit(node(home, BIN, 'history')));
      }
      for (let round = 0; round < startRounds; round += 1) {
        startSamples.bareNode.push(await timeToExit(node(home, '-e', '0')));
        for (const [key, run] of [
          ['start', { ...node(home, BIN, 'start'), env }],
          ['npmStart', { command: 'npm', args: ['start'], cwd: npmFolder, env }],
        ] as const) {
          const started = await timeToOutput(run, WS_URL);
          startSamples[key].push(started.ms);
          await started.stop();
        }
      }
      // Before the precompiled build: the same sources compiled on the fly by tsx at every start.
      for (let round = 0; round < tsxRounds; round += 1) {
        tsxHelp.push(await timeToExit(node(PROJECT_ROOT, '--import', 'tsx', 'infrastructure/cli/run.ts', '--help')));
      }
    } finally {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
      rmSync(npmFolder, { recursive: true, force: true });
    }

    const bare = median(samples.bareNode);
    const bareForStart = median(startSamples.bareNode);
    const help = median(samples.help);
    const history = median(samples.history);
    const start = median(startSamples.start);
    const npmStart = median(startSamples.npmStart);
    const baseline = (ms: number, base: number) => `node -e 0: ${fixed(base, 0)} ms (${times(ratio(ms, base))})`;
    const figures: Figure[] = [
      {
        name: '`doorbell --help`: median time to exit',
        value: `${fixed(help, 0)} ms`,
        baseline: baseline(help, bare),
        target: `≤ ${TARGET_HELP_RATIO}× bare node`,
        verdict: verdict(help <= TARGET_HELP_RATIO * bare),
      },
      {
        name: '`doorbell history` against a running local doorbell: median time to exit',
        value: `${fixed(history, 0)} ms`,
        baseline: baseline(history, bare),
        target: `≤ ${TARGET_HISTORY_RATIO}× bare node`,
        verdict: verdict(history <= TARGET_HISTORY_RATIO * bare),
      },
      {
        name: '`doorbell start` → ws:// URL printed',
        value: `${fixed(start, 0)} ms`,
        baseline: baseline(start, bareForStart),
        target: '',
        verdict: 'info',
      },
      {
        name: '`npm start` → ws:// URL printed',
        value: `${fixed(npmStart, 0)} ms`,
        baseline: baseline(npmStart, bareForStart),
        target: '',
        verdict: 'info',
      },
      {
        name: '`doorbell --help` compiled on the fly by tsx (without the build), and the build itself',
        value: `${fixed(median(tsxHelp), 0)} ms; build ${fixed(rebuildMs, 0)} ms`,
        baseline: baseline(median(tsxHelp), bare),
        target: '',
        verdict: 'info',
      },
    ];
    return {
      id: 'cli-start',
      title: 'CLI start',
      figures,
      tables: [],
      notes: [
        'Fresh processes, timed by the parent from spawn to exit (or to the first ws:// URL on stdout), medians over ' +
          `${rounds} rounds (${startRounds} for the start figures), each round running every variant once after the other ` +
          "so that the shared machine's busy spells weigh on all alike. Baseline: `node -e 0` in the same rounds. " +
          '`bin/doorbell.js` runs the CLI precompiled by esbuild (`bin/cli-build.js`, at `npm install` and whenever a source ' +
          'changed); `history` asks a local doorbell started by `doorbell start` for this benchmark (an empty history: the ' +
          'start-up of the command, not the query, is what is measured).',
        '`doorbell start` is timed as `npm start` runs it (sample visitors enrolled) up to the printed ws:// URL, with ' +
          "`PORT=0`; `npm start` the same through npm, from a folder whose `package.json` has the project's start script " +
          "and whose `bin/` is the project's. The last figure shows what the build saves: the same `--help` through tsx, " +
          'which compiles the sources at every start, and the time of one build (`node bin/cli-build.js`), which a command ' +
          'pays once after a source changed.',
      ],
      data: { commands: samples, start: startSamples, tsxHelp, rebuildMs },
    };
  },
};
