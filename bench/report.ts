import type { MachineDescription } from './machine';
import type { BenchmarkSection, Figure, Table, Verdict } from './section';

export interface BenchmarkReport {
  /** ISO 8601, when the run started. */
  readonly date: string;
  readonly machine: MachineDescription;
  readonly quick: boolean;
  /** Said next to the figures: e.g. that the machine was shared while they were taken. */
  readonly conditions: string;
  readonly sections: readonly BenchmarkSection[];
}

const MARK: Record<Verdict, string> = { met: '✅ met', missed: '❌ missed', info: '' };

/** The summary table: every headline figure of every section, with its baseline and target. */
export function renderSummary(report: BenchmarkReport): string {
  const rows = report.sections.flatMap((section) => section.figures.map((figure) => summaryRow(section, figure)));
  return renderTable({ columns: ['benchmark', 'figure', 'value', 'baseline (same run)', 'target', ''], rows });
}

function summaryRow(section: BenchmarkSection, figure: Figure): string[] {
  return [section.title, figure.name, figure.value, figure.baseline, figure.target, MARK[figure.verdict]];
}

/** BENCHMARKS.md: what was run where, the summary, then each benchmark's detail and how it was measured. */
export function renderReport(report: BenchmarkReport): string {
  const { machine } = report;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${report.quick ? ' -- --quick' : ''}\` on ${report.date}. ` +
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ` +
      `Node ${machine.node}, ${machine.os} (${machine.arch}). ` +
      report.conditions,
    '',
    'Every time is a median over repeated runs, next to a baseline measured in the same run; the raw figures are in ' +
      '[`bench/results.json`](bench/results.json).',
    '',
    renderSummary(report),
  ];
  for (const section of report.sections) {
    lines.push('', `## ${section.title}`, '');
    for (const table of section.tables) lines.push(renderTable(table), '');
    for (const note of section.notes) lines.push(note, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * bench/results.json: the machine, the date and every section's figures and raw data. Paths inside `projectRoot`
 * (the bundles built) are written relative to it, so the file says nothing of the machine's folders.
 */
export function renderJson(report: BenchmarkReport, projectRoot?: string): string {
  const root = projectRoot === undefined ? undefined : `${projectRoot.replace(/\/+$/, '')}/`;
  const relative = (_key: string, value: unknown) =>
    root !== undefined && typeof value === 'string' && value.startsWith(root) ? value.slice(root.length) : value;
  return `${JSON.stringify(report, relative, 2)}\n`;
}

export function renderTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(table.columns), line(table.columns.map(() => '---')), ...table.rows.map(line)].join('\n');
}

const START = '<!-- benchmarks:start -->';
const END = '<!-- benchmarks:end -->';

/** The README with the summary between its benchmark markers (unchanged when it has none). */
export function withSummary(readme: string, report: BenchmarkReport): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return readme;
  const { cpuModel, cores, node } = report.machine;
  const day = report.date.slice(0, 10);
  const measured = `Measured ${day} on ${cpuModel} (${cores} cores), Node ${node}; details in [BENCHMARKS.md](BENCHMARKS.md).`;
  const body = `\n${renderSummary(report)}\n\n${measured}\n`;
  return `${readme.slice(0, start + START.length)}${body}${readme.slice(end)}`;
}
