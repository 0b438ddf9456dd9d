import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * What an attacker, a buggy client or a misrouted event can put in front of a handler: prototype-pollution keys,
 * numbers JSON can't hold or code mishandles, strings with lone surrogates or huge, deep nesting, and valid events
 * with fields removed, retyped or added.
 */

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...POLLUTION_KEYS, 'toString', 'valueOf', 'hasOwnProperty', 'isAdmin', ''),
  fc.string({ maxLength: 12 }),
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 64,
    -1,
  ),
  fc.double(),
  fc.integer(),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\uD800', 'a\uDFFFb', '%E0%A4%A', '../../etc/passwd', 'rings/home/front/1-r.jpg', 'x'.repeat(200_000), '\u0000'),
);

/**
 * An `action` that is not a string, including the ones loose code mistakes for a name: `["ping"]` (whose String()
 * is "ping", and which indexes an object as "ping"), `{"toString":"ping"}`, numbers, booleans, null, nested values.
 */
export function nonStringAction(names: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...names).map((name) => [name]),
    fc.constantFrom(...names).map((name) => ({ toString: name, valueOf: name })),
    fc.constantFrom(...names).map((name) => ({ action: name })),
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    hostileValue.filter((value) => typeof value !== 'string' && value !== undefined),
  );
}

/** An object whose own keys are exactly `entries`' (`__proto__` included, as JSON.parse would make it). */
export function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** `{"a":{"a":…}}` or `[[…]]`, `depth` levels deep. */
export const deeplyNested: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 1, max: 1_000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(hostileNumber, hostileString, fc.boolean(), fc.constantFrom(null, undefined)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(objectOf),
    deeplyNested,
  ),
})).value;

type Path = readonly string[];

/** Every path to a value inside `value` (objects and arrays), the root included; not below 20 levels. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null || path.length >= 20) return [path];
  return [path, ...Object.keys(value).flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...path, key]))];
}

type Mutation = { readonly kind: 'delete' | 'replace' | 'add'; readonly at: number; readonly key: string; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'add'),
  at: fc.nat(),
  key: hostileKey,
  value: hostileValue,
});

function apply(event: unknown, { kind, at, key, value }: Mutation): unknown {
  const paths = pathsOf(event);
  const path = paths[at % paths.length]!;
  if (path.length === 0) return kind === 'replace' ? value : event;
  // biome-ignore lint/suspicious/noExplicitAny: walks an arbitrary JSON value by a path of keys and indexes.
  const parent = path.slice(0, -1).reduce<any>((node, step) => node[step], event);
  const last = path.at(-1)!;
  if (kind === 'delete') delete parent[last];
  else if (kind === 'replace') Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  else {
    const target = parent[last];
    if (typeof target === 'object' && target !== null)
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return event;
}

/** A valid event with 1 to 3 fields deleted, replaced by hostile values, or hostile keys added; or anything at all. */
export function hostileEvent(valid: () => unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => mutations.reduce(apply, valid())) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** The prototypes a polluting key would reach; compare before and after a run. */
export function prototypeSnapshot(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype].map((prototype) => Object.getOwnPropertyNames(prototype).sort()),
  );
}

export function expectPrototypesUntouched(before: string): void {
  expect(prototypeSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
}
