import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMachine } from '../../bench/machine';
import { type BenchmarkReport, withSummary } from '../../bench/report';

/**
 * The README and the docs/ pages link to each other and to sections by anchor; a page moved or a heading renamed
 * must not leave a link to nowhere. This reads the Markdown as GitHub renders it: links outside code, anchors made
 * from headings the way GitHub makes them.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const PAGES = ['README.md', 'BENCHMARKS.md', 'samples/README.md', 'samples/manifest/README.md', ...DOCS];

const read = (page: string) => readFileSync(path.join(ROOT, page), 'utf8');

/** The text outside fenced blocks and inline code, where Markdown links live. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, each space a hyphen. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const headings = markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm);
  for (const [, heading] of headings) {
    const base = anchorOf(heading ?? '');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

function linksOf(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
  const images = [...text.matchAll(/<img [^>]*src="([^"]+)"/g)].map((match) => match[1] ?? '');
  return [...inline, ...images].filter((link) => !/^[a-z]+:/i.test(link));
}

describe('links between the README and the docs', () => {
  it('reads GitHub anchors the way GitHub makes them', () => {
    expect(anchorOf('Messages (server → device, version 1)')).toBe('messages-server--device-version-1');
    expect(anchorOf('What `npm test` runs')).toBe('what-npm-test-runs');
    expect(anchorsOf('# A\n## A\n```\n# not a heading\n```\n')).toEqual(new Set(['a', 'a-1']));
  });

  for (const page of PAGES) {
    it(`${page}: every relative link reaches a file, and every anchor a heading`, () => {
      const broken: string[] = [];
      for (const link of linksOf(read(page))) {
        const [file = '', anchor] = link.split('#');
        const target = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), file));
        if (!existsSync(path.join(ROOT, target))) broken.push(`${link}: no file ${target}`);
        else if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(read(target)).has(anchor)) {
          broken.push(`${link}: no heading #${anchor} in ${target}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it('links every docs/ page from the README', () => {
    const linked = new Set(linksOf(read('README.md')).map((link) => link.split('#')[0]));
    expect(DOCS.filter((page) => !linked.has(page))).toEqual([]);
  });

  it("keeps the README's benchmark markers where `npm run bench` writes its summary", () => {
    const report: BenchmarkReport = {
      date: '2026-01-01T00:00:00.000Z',
      machine: describeMachine(),
      quick: true,
      conditions: '',
      sections: [],
    };
    const readme = read('README.md');
    const start = readme.indexOf('<!-- benchmarks:start -->');
    const end = readme.indexOf('<!-- benchmarks:end -->');
    expect(start).toBeGreaterThan(readme.indexOf('## Benchmarks'));
    const updated = withSummary(readme, report);
    expect(updated).toContain('Measured 2026-01-01');
    expect(updated.slice(0, start)).toBe(readme.slice(0, start));
    expect(updated.endsWith(readme.slice(end))).toBe(true);
  });
});
