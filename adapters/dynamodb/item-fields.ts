import { CorruptItemError } from './corrupt-item-error';
import type { Item } from './pages';
import type { TableDefinition } from './table-definitions';

/**
 * Typed reads of a stored item's attributes, each checked: a missing or mistyped attribute throws a
 * CorruptItemError naming the table, the item's key and the attribute, instead of yielding a wrong domain object.
 */
export class ItemFields {
  private constructor(
    private readonly record: Record<string, unknown>,
    private readonly corrupt: (reason: string) => CorruptItemError,
    private readonly path: string,
  ) {}

  /** The fields of an item read from `tableName`, whose key attributes are those of `definition`. */
  static of(item: Item, definition: TableDefinition, tableName: string): ItemFields {
    const keyNames = [definition.partitionKey.name, definition.sortKey?.name].filter((name) => name !== undefined);
    const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
    return new ItemFields(item, (reason) => new CorruptItemError(tableName, key, reason), '');
  }

  string(name: string): string {
    return this.check(name, 'a string', (value): value is string => typeof value === 'string');
  }

  optionalString(name: string): string | undefined {
    return this.record[name] === undefined ? undefined : this.string(name);
  }

  number(name: string): number {
    return this.check(name, 'a number', (value): value is number => typeof value === 'number' && Number.isFinite(value));
  }

  optionalNumber(name: string): number | undefined {
    return this.record[name] === undefined ? undefined : this.number(name);
  }

  boolean(name: string): boolean {
    return this.check(name, 'a boolean', (value): value is boolean => typeof value === 'boolean');
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    return this.check(name, `one of ${allowed.join(', ')}`, (value): value is T => allowed.includes(value as T));
  }

  /** A domain id, checked by its parser (e.g. `householdId` from domain/ids.ts). */
  id<T>(name: string, parse: (value: unknown) => T): T {
    return this.parsed(name, this.record[name], parse);
  }

  ids<T>(name: string, parse: (value: unknown) => T): T[] {
    return this.list(name).map((value, index) => this.parsed(`${name}[${index}]`, value, parse));
  }

  map(name: string): ItemFields {
    const value = this.check(name, 'a map', isRecord);
    return new ItemFields(value, this.corrupt, this.pathOf(name));
  }

  optionalMap(name: string): ItemFields | undefined {
    return this.record[name] === undefined ? undefined : this.map(name);
  }

  maps(name: string): ItemFields[] {
    return this.list(name).map((value, index) => {
      const path = this.pathOf(`${name}[${index}]`);
      if (!isRecord(value)) throw this.corrupt(`attribute ${path} is not a map`);
      return new ItemFields(value, this.corrupt, path);
    });
  }

  private list(name: string): unknown[] {
    return this.check(name, 'a list', (value): value is unknown[] => Array.isArray(value));
  }

  private check<T>(name: string, expected: string, is: (value: unknown) => value is T): T {
    const value = this.record[name];
    if (value === undefined) throw this.corrupt(`attribute ${this.pathOf(name)} is missing`);
    if (!is(value)) throw this.corrupt(`attribute ${this.pathOf(name)} is not ${expected}`);
    return value;
  }

  private parsed<T>(name: string, value: unknown, parse: (value: unknown) => T): T {
    try {
      return parse(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw this.corrupt(`attribute ${this.pathOf(name)}: ${reason}`);
    }
  }

  private pathOf(name: string): string {
    return this.path ? `${this.path}.${name}` : name;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
