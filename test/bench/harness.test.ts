import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENTS_CALLED, clientsIn } from '../../bench/cold-start/lambda-clients';
import { selfTimeByModule } from '../../bench/cold-start/profile-import';
import { describeMachine } from '../../bench/machine';
import { costPer1000Rings, totalUsd } from '../../bench/rekognition/cost-model';
import { RING_USAGE } from '../../bench/rekognition/ring-usage';
import { renderJson, renderReport, withSummary, type BenchmarkReport } from '../../bench/report';
import { median, percentile, ratio, signed, summarize } from '../../bench/stats';
import { LAMBDA_FUNCTION_NAMES } from '../../infrastructure/cdk/lambda-functions';

/** The benchmark harness's pure parts, so that it cannot rot between runs. No timing is asserted here. */
describe('bench stats', () => {
  it('takes medians, nearest-rank percentiles and ratios', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 200 }, (_, index) => index + 1),
        0.99,
      ),
    ).toBe(198);
    expect(ratio(30, 20)).toBe(1.5);
    expect(ratio(1, 0)).toBeUndefined();
    expect(summarize([2, 1, 3])).toMatchObject({ count: 3, median: 2, min: 1, max: 3 });
    expect(() => median([])).toThrow(RangeError);
  });

  it('writes differences with their sign, never "+-"', () => {
    expect(signed(3.24)).toBe('+3.2');
    expect(signed(-18.06)).toBe('-18.1');
    expect(signed(0)).toBe('+0.0');
    expect(signed(-150.4, 0)).toBe('-150');
  });
});

describe('bench report', () => {
  const report: BenchmarkReport = {
    date: '2026-11-25T12:00:00.000Z',
    machine: describeMachine(),
    quick: true,
    conditions: 'A shared machine.',
    sections: [
      {
        id: 'demo',
        title: 'Demo',
        figures: [{ name: 'speed | of light', value: '1 ms', baseline: '2 ms', target: '≤ 5 ms', verdict: 'met' }],
        tables: [{ columns: ['a', 'b'], rows: [['1', '2']] }],
        notes: ['How it was measured.'],
        data: { samples: [1, 2] },
      },
    ],
  };

  it('writes the summary table first, then each section, escaping cells', () => {
    const markdown = renderReport(report);
    expect(markdown).toContain('| Demo | speed \\| of light | 1 ms | 2 ms | ≤ 5 ms | ✅ met |');
    expect(markdown.indexOf('## Demo')).toBeGreaterThan(markdown.indexOf('| Demo |'));
    expect(markdown).toContain('A shared machine.');
    expect(JSON.parse(renderJson(report))).toMatchObject({ machine: { cores: expect.any(Number) }, sections: [{ id: 'demo' }] });
  });

  it("writes paths inside the project relative to it in the JSON, never the machine's folders", () => {
    const withPath = {
      ...report,
      sections: [{ ...report.sections[0]!, data: { file: '/home/someone/doorbell/node_modules/.cache/x/index.mjs', other: '/etc/hosts' } }],
    };
    const json = renderJson(withPath, '/home/someone/doorbell');
    expect(JSON.parse(json).sections[0].data).toEqual({ file: 'node_modules/.cache/x/index.mjs', other: '/etc/hosts' });
  });

  it('replaces only what lies between the README markers', () => {
    const readme = 'before\n<!-- benchmarks:start -->\nold\n<!-- benchmarks:end -->\nafter\n';
    const updated = withSummary(readme, report);
    expect(updated).toMatch(/^before\n<!-- benchmarks:start -->\n\| benchmark/);
    expect(updated).not.toContain('old');
    expect(updated.endsWith('<!-- benchmarks:end -->\nafter\n')).toBe(true);
    expect(withSummary('no markers', report)).toBe('no markers');
  });
});

describe('bench cold start and cost model', () => {
  it('names the SDK clients a bundle carries from its metafile inputs, and knows every function', () => {
    expect(
      clientsIn([
        'node_modules/@aws-sdk/client-dynamodb/dist-es/index.js',
        'node_modules/@aws-sdk/lib-dynamodb/x.js',
        'node_modules/@aws-sdk/client-s3/a.js',
      ]),
    ).toEqual(['client-dynamodb', 'client-s3']);
    expect(Object.keys(CLIENTS_CALLED).sort()).toEqual([...LAMBDA_FUNCTION_NAMES].sort());
  });

  it('has a floor for every function, so the cold-start section can build each one', () => {
    const floors = new Set(readdirSync(new URL('../../bench/cold-start/floors/', import.meta.url)));
    expect(LAMBDA_FUNCTION_NAMES.filter((name) => !floors.has(`${name}.ts`))).toEqual([]);
  });

  it('prices 1,000 rings line by line, Rekognition at one call per image', () => {
    const lines = costPer1000Rings(2, RING_USAGE);
    expect(lines[0]).toMatchObject({ quantityPer1000Rings: 2000, usdPer1000Rings: 2 });
    expect(totalUsd(lines)).toBeGreaterThan(2);
    expect(totalUsd(costPer1000Rings(3, RING_USAGE)) - totalUsd(lines)).toBeCloseTo(1, 10);
  });
});

describe('cold-import profile by module', () => {
  const bundle = 'file:///bundle/index.mjs';
  const frame = (url: string, functionName: string, lineNumber = 0) => ({ url, functionName, lineNumber, columnNumber: 0 });
  // Lines 1–2 of the bundle come from a package, line 3 from the project; line 9 is esbuild's runtime wrapper.
  const mapLine = (line: number) => ({ 1: 'pkg-a', 2: 'pkg-a', 3: '(project) adapters/x.ts' })[line];

  it("splits a bundle frame's time by its lines, gives node's work to the bundle frame that called it, and keeps the rest apart", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('', '(root)'), children: [2, 5, 6] },
        {
          id: 2,
          callFrame: frame(bundle, '', 0),
          children: [3, 4],
          positionTicks: [
            { line: 1, ticks: 3 },
            { line: 3, ticks: 1 },
          ],
        },
        { id: 3, callFrame: frame('node:internal/console', 'Console', 10) },
        // esbuild's module wrapper (no source): its time goes to the module it ran.
        { id: 4, callFrame: frame(bundle, '', 8), children: [7], positionTicks: [{ line: 9, ticks: 1 }] },
        { id: 5, callFrame: frame('', '(garbage collector)') },
        { id: 6, callFrame: frame('node:internal/modules/esm/utils', 'compileSourceTextModule') },
        { id: 7, callFrame: frame(bundle, 'init', 2), positionTicks: [{ line: 3, ticks: 1 }] },
      ],
      samples: [2, 3, 4, 5, 6, 7],
      timeDeltas: [400, 100, 50, 30, 70, 20],
    };
    const totals = Object.fromEntries(selfTimeByModule(profile, bundle, mapLine));
    expect(totals).toEqual({
      'pkg-a': 300 + 100,
      '(project) adapters/x.ts': 100 + 50 + 20,
      '(garbage collector)': 30,
      '(parse and compile of the bundle)': 70,
    });
  });
});
