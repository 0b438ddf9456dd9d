import * as v from 'valibot';
import { MAX_HISTORY_LIMIT } from '../../application/ring-history';
import { ID_PATTERN, ringId } from '../../domain/ids';
import type { DeviceAction } from '../../domain/device-actions';
import type { ErrorCode } from '../../domain/messages';
import type { RingCursor } from '../../domain/ring';
import { notArray, VALUE_FREE_MESSAGES } from '../validation/issues';
import { toVisitorMessage, VISITOR_SCHEMAS, type VisitorMessage } from './visitor-messages';

/**
 * Device → server frames (docs/protocol.md): one JSON object, routed on `action`. Parsing never throws: every frame is
 * either a message or the error to send back to its sender. The schemas are valibot's (small and fast to set up at
 * cold start), and a refusal names the field and what was wrong with it, never what was sent (see
 * adapters/validation/issues.ts).
 */
export type ClientMessage =
  | { readonly action: 'ping' }
  | { readonly action: 'history'; readonly limit?: number; readonly after?: RingCursor }
  /** The doorbell states the size of the photo it will upload (signed into the upload URL). */
  | { readonly action: 'requestUpload'; readonly contentLength: number }
  /** A resident's quick reply to a ring: a preset or short text (AnswerRing judges both). */
  | { readonly action: 'answer'; readonly ringId: string; readonly reply: string }
  /** The doorbell's keypad: the digits a visitor typed. Never logged. */
  | { readonly action: 'verifyCode'; readonly code: string }
  | VisitorMessage;

export type ClientAction = ClientMessage['action'];
// Every action of the roles table (domain/device-actions.ts) is a message, and every message is in it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _actionsMatchRoles: Same<ClientAction, DeviceAction> = true;
void _actionsMatchRoles;

export type ParsedFrame =
  | { readonly kind: 'message'; readonly message: ClientMessage }
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly reason: string };

/** API Gateway's WebSocket frame limit; the local gateway may let more through, so it is checked here too. */
export const MAX_FRAME_BYTES = 128 * 1024;
/** Our messages nest two levels; anything much deeper is not one of them and is refused before parsing. */
export const MAX_NESTING = 16;
/** Keys that would reach an object's prototype if the value were ever merged into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Generous bounds on raw strings, so nothing huge reaches a use case; the use cases apply the real rules. */
const MAX_REPLY_CHARS = 1_024;
const MAX_CODE_CHARS = 64;

const cursor = v.pipe(
  notArray,
  v.strictObject({
    at: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
    ringId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a ring id')),
  }),
);

const schemas = {
  ping: v.strictObject({ action: v.literal('ping') }),
  history: v.strictObject({
    action: v.literal('history'),
    limit: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_HISTORY_LIMIT))),
    after: v.optional(cursor),
  }),
  // The range (1 byte to 5 MB) is RequestUpload's to judge; here only the type (JSON has no NaN nor Infinity).
  requestUpload: v.strictObject({ action: v.literal('requestUpload'), contentLength: v.number() }),
  answer: v.strictObject({
    action: v.literal('answer'),
    ringId: v.pipe(v.string(), v.maxLength(256)),
    reply: v.pipe(v.string(), v.maxLength(MAX_REPLY_CHARS, `must be at most ${MAX_REPLY_CHARS} characters`)),
  }),
  verifyCode: v.strictObject({ action: v.literal('verifyCode'), code: v.pipe(v.string(), v.maxLength(MAX_CODE_CHARS)) }),
  ...VISITOR_SCHEMAS,
} as const;

const isKnownAction = (action: string): action is ClientAction => Object.hasOwn(schemas, action);

/** Parses one frame: the body as API Gateway hands it over (a string, maybe base64; anything else is refused). */
export function parseClientFrame(body: unknown, options: { readonly base64?: boolean } = {}): ParsedFrame {
  const text = frameText(body, options.base64 === true);
  if (text.kind === 'refused') return text;
  const json = parseJson(text.value);
  if (json.kind === 'refused') return json;
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return refused('bad-request', 'a message is one JSON object');
  const { action } = value as Record<string, unknown>;
  if (typeof action !== 'string') return refused('bad-request', 'a message names its "action"');
  if (!isKnownAction(action)) return refused('unknown-action', `unknown action ${JSON.stringify(action.slice(0, 64))}`);
  return toMessage(action, value);
}

function toMessage(action: ClientAction, value: unknown): ParsedFrame {
  const parsed = v.safeParse(schemas[action], value, VALUE_FREE_MESSAGES);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return refused('bad-request', `${action}: ${v.getDotPath(issue) || 'message'} ${issue.message}`);
  }
  const data = parsed.output;
  switch (data.action) {
    case 'ping':
      return { kind: 'message', message: { action: 'ping' } };
    case 'visitors':
    case 'enroll':
    case 'forget':
      return { kind: 'message', message: toVisitorMessage(data) };
    case 'requestUpload':
      return { kind: 'message', message: { action: 'requestUpload', contentLength: data.contentLength } };
    case 'answer':
      return { kind: 'message', message: { action: 'answer', ringId: data.ringId, reply: data.reply } };
    case 'verifyCode':
      return { kind: 'message', message: { action: 'verifyCode', code: data.code } };
    case 'history':
      return {
        kind: 'message',
        message: {
          action: 'history',
          ...(data.limit === undefined ? {} : { limit: data.limit }),
          ...(data.after === undefined ? {} : { after: { at: data.after.at, ringId: ringId(data.after.ringId) } }),
        },
      };
  }
}

/** The frame as text, or why it can't be one. Sizes are checked before anything is decoded or parsed. */
function frameText(body: unknown, base64: boolean): Step<string> {
  if (body === undefined || body === null || body === '') return refused('bad-request', 'the message is empty');
  if (typeof body !== 'string') return refused('bad-request', 'a message is one JSON object');
  if (!base64) {
    return Buffer.byteLength(body, 'utf8') > MAX_FRAME_BYTES ? tooLarge() : ok(body);
  }
  if (body.length > Math.ceil(MAX_FRAME_BYTES / 3) * 4 + 4) return tooLarge();
  const bytes = Buffer.from(body, 'base64');
  if (bytes.byteLength > MAX_FRAME_BYTES) return tooLarge();
  try {
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refused('bad-request', 'the message is not UTF-8 text');
  }
}

function parseJson(text: string): Step<unknown> {
  if (nestingExceeds(text, MAX_NESTING)) return refused('bad-request', `the message nests deeper than ${MAX_NESTING} levels`);
  try {
    return ok(
      JSON.parse(text, (key, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
        return value;
      }),
    );
  } catch (error) {
    return error instanceof ForbiddenKeyError
      ? refused('bad-request', `the key "${error.key}" is not allowed`)
      : refused('bad-request', 'the message is not JSON');
  }
}

/** Bracket depth outside strings, counted in one pass, so that a hostile frame never reaches a recursive walk. */
function nestingExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(`forbidden key ${key}`);
  }
}

type Refused = Extract<ParsedFrame, { kind: 'refused' }>;
type Step<T> = { readonly kind: 'ok'; readonly value: T } | Refused;

const ok = <T>(value: T): Step<T> => ({ kind: 'ok', value });

function refused(code: ErrorCode, reason: string): Refused {
  return { kind: 'refused', code, reason };
}

const tooLarge = () => refused('payload-too-large', `a message is at most ${MAX_FRAME_BYTES / 1024} KB`);
