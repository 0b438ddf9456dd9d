import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGE_SCHEMAS, type ClientAction } from '../../domain/protocol/client-messages';
import { DEVICE_ACTION_NAMES, mayPerform } from '../../domain/protocol/device-actions';
import * as limits from '../../domain/protocol/limits';
import { ERROR_CODES, MESSAGE_VERSION } from '../../domain/protocol/server-messages';
import { DEVICE_ROLES } from '../../domain/device';

/**
 * docs/protocol.md is the protocol's reference page; the protocol is the code in domain/protocol/. This checks the
 * page against the code, so that an action, a field, a message, a role, an error code or a limit added (or renamed)
 * there fails here until the page says it.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const PAGE = readFileSync(path.join(ROOT, 'docs/protocol.md'), 'utf8');

/** The page's section titled `title` (from its `## ` heading to the next). */
function section(title: string): string {
  const start = PAGE.indexOf(`\n## ${title}`);
  expect(start, `docs/protocol.md has a "## ${title}" section`).toBeGreaterThan(-1);
  const end = PAGE.indexOf('\n## ', start + 1);
  return PAGE.slice(start, end === -1 ? undefined : end);
}

/** The cells of the table row whose first cell is `` `name` ``, in `text`; undefined when there is none. */
function row(text: string, name: string): string[] | undefined {
  const line = text.split('\n').find((candidate) => new RegExp(`^\\|\\s*\`${escapeRegExp(name)}\`\\s*\\|`).test(candidate));
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = (cell: string | undefined = '') => [...cell.matchAll(/`([A-Za-z]+)`\??/g)].map((match) => match[1]);

/** The property names of the interface `name` in `relativeFile`, read by the TypeScript checker. */
function interfaceFields(relativeFile: string, name: string): string[] {
  const file = path.join(ROOT, relativeFile);
  const program = ts.createProgram([file], { noLib: true, types: [], noEmit: true });
  const source = program.getSourceFile(file)!;
  const declaration = source.statements.find(
    (node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === name,
  );
  return program
    .getTypeChecker()
    .getTypeAtLocation(declaration!.name)
    .getProperties()
    .map((property) => property.name);
}

/** The property names of each member of the `ServerMessage` union, read from its source by the TypeScript checker. */
function serverMessageFields(): Map<string, string[]> {
  const file = path.join(ROOT, 'domain/protocol/server-messages.ts');
  const program = ts.createProgram([file], { noLib: true, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const alias = source.statements.find(
    (node): node is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(node) && node.name.text === 'ServerMessage',
  );
  const union = checker.getTypeAtLocation(alias!.name);
  const fields = new Map<string, string[]>();
  for (const member of union.isUnion() ? union.types : [union]) {
    const typeSymbol = member.getProperty('type')!;
    const literal = checker.getTypeOfSymbolAtLocation(typeSymbol, alias!) as ts.StringLiteralType;
    fields.set(
      literal.value,
      member.getProperties().map((property) => property.name),
    );
  }
  return fields;
}

describe('docs/protocol.md, checked against domain/protocol/', () => {
  it(`names the message version (${MESSAGE_VERSION})`, () => {
    expect(PAGE).toContain(`# The devices' protocol (version ${MESSAGE_VERSION})`);
  });

  it('has a row for every action, naming each of its fields and no other', () => {
    const actions = section('Device → server: actions');
    for (const action of Object.keys(CLIENT_MESSAGE_SCHEMAS) as ClientAction[]) {
      const cells = row(actions, action);
      expect(cells, `a row for \`${action}\``).toBeDefined();
      const fields = Object.keys(CLIENT_MESSAGE_SCHEMAS[action].entries).filter((field) => field !== 'action');
      expect(new Set(names(cells![1])), `the fields of \`${action}\``).toEqual(new Set(fields));
    }
  });

  it('states for every action and every role what the roles table says', () => {
    const roles = section('Who may do what: actions by role');
    const header = roles.split('\n').find((line) => line.startsWith('| action'))!;
    const columns = header.split('|').map((cell) => cell.trim());
    for (const action of DEVICE_ACTION_NAMES) {
      const cells = row(roles, action);
      expect(cells, `a row for \`${action}\``).toBeDefined();
      for (const role of DEVICE_ROLES) {
        const cell = cells![columns.indexOf(role) - 1];
        expect(cell, `\`${action}\` by a ${role}`).toBe(mayPerform(role, action) ? '✓' : '`forbidden`');
      }
    }
  });

  it('has a row for every server message, naming each of its fields', () => {
    const messages = section('Server → device: messages');
    for (const [type, fields] of serverMessageFields()) {
      const cells = row(messages, type);
      expect(cells, `a row for \`${type}\``).toBeDefined();
      const named = new Set(names(cells![1]));
      for (const field of fields.filter((name) => name !== 'type' && name !== 'version')) {
        expect(named.has(field), `\`${type}\` names its field \`${field}\``).toBe(true);
      }
    }
  });

  it('has a row for every field of the Web Push payload, and no other', () => {
    const payload = section('Push payload');
    const fields = interfaceFields('domain/protocol/push-payload.ts', 'RingPushPayload');
    const rows = payload.split('\n').flatMap((line) => /^\|\s*`([A-Za-z]+)`\s*\|/.exec(line)?.[1] ?? []);
    expect(new Set(rows)).toEqual(new Set(fields));
  });

  it('explains every error code', () => {
    const errors = section('Error codes');
    for (const code of ERROR_CODES) expect(row(errors, code), `a row for \`${code}\``).toBeDefined();
  });

  it('states every limit with its value', () => {
    const table = section('Limits');
    for (const [name, value] of Object.entries(limits)) {
      expect(row(table, name)?.[1], `\`${name}\``).toBe(String(value));
    }
  });
});
