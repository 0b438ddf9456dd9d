/**
 * Validation is built with valibot: every check is a function of its own, so a Lambda bundle holds only the ones it
 * uses, and schemas cost almost nothing to build at cold start (measured in the benchmarks: zod/mini added about
 * 35 KB and 13 ms of cold import to every bundle, valibot about 9 KB and 3 ms, for the same checks).
 *
 * Valibot's default messages quote the input ("… but received \"123456\""), and what we validate carries tokens,
 * access codes and message bodies. Every schema that meets outside input therefore runs with VALUE_FREE_MESSAGES:
 * messages that say what was expected, never what was received. Explicit messages given to a schema or an action
 * still win over these.
 */
import * as v from 'valibot';

type Issue = v.BaseIssue<unknown>;

/** The parse configuration whose messages never repeat the input (for `v.config` and `v.safeParse`). */
export const VALUE_FREE_MESSAGES: v.Config<Issue> = { message: describeIssue };

/** What was wrong, in English, without the value: e.g. "expected string, received number", "must have at most 64 characters". */
export function describeIssue(issue: Issue): string {
  if (issue.kind === 'schema') {
    if (issue.path?.at(-1)?.origin === 'key') return issue.expected === 'never' ? 'is not allowed' : 'is required';
    if (issue.type === 'literal' || issue.type === 'picklist' || issue.type === 'variant') {
      // `("a" | "b")` → `"a" or "b"`
      return `must be ${String(issue.expected)
        .replace(/^\((.*)\)$/, '$1')
        .split(' | ')
        .join(' or ')}`;
    }
    const expected = issue.expected === 'Object' || issue.expected === 'Array' ? issue.expected.toLowerCase() : issue.expected;
    return `expected ${expected}, received ${typeOf(issue.input)}`;
  }
  switch (issue.type) {
    case 'min_length':
      return `must have at least ${count(issue.requirement, issue.input)}`;
    case 'max_length':
      return `must have at most ${count(issue.requirement, issue.input)}`;
    case 'min_value':
      return `must be at least ${String(issue.requirement)}`;
    case 'max_value':
      return `must be at most ${String(issue.requirement)}`;
    case 'safe_integer':
      return 'must be an integer';
    case 'finite':
      return 'must be a finite number';
    case 'base64':
      return 'must be Base64';
    case 'regex':
      return `must match ${issue.expected}`;
    default:
      return 'is invalid';
  }
}

/**
 * Paths and messages of validation issues (the first five), never the values: events carry tokens and message
 * bodies. `root` names the whole input, for an issue about it rather than one of its fields.
 */
export function issueSummary(issues: readonly Issue[], root = '(event)'): readonly string[] {
  return issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) || root}: ${issue.message}`);
}

/** The dotted paths of the first five issues, for logs that want even less than the summary. */
export function issuePaths(issues: readonly Issue[]): readonly string[] {
  return issues.slice(0, 5).map((issue) => v.getDotPath(issue) || '(event)');
}

function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'NaN';
  return typeof input;
}

/** `1 character`, `64 characters`, `20 items`: a length requirement in the units of the input. */
function count(requirement: unknown, input: unknown): string {
  const unit = typeof input === 'string' ? 'character' : 'item';
  return `${String(requirement)} ${requirement === 1 ? unit : `${unit}s`}`;
}

/**
 * An object that is not an array, checked before an object or record schema: valibot's take an array for an object
 * (its indexes for keys), and no event or message of ours is one. Objects with a required key refuse an array anyway;
 * this guards those whose keys are all optional, and records.
 */
export const notArray = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  (issue) => `expected object, received ${typeOf(issue.input)}`,
);
