import * as v from 'valibot';
import { ringId } from '../../domain/ids';
import {
  CLIENT_MESSAGE_SCHEMAS,
  type ClientAction,
  type ClientMessage,
  isClientAction,
  type ValidClientFrame,
} from '../../domain/protocol/client-messages';
import { MAX_FRAME_BYTES, MAX_NESTING } from '../../domain/protocol/limits';
import type { ErrorCode } from '../../domain/protocol/server-messages';
import { VALUE_FREE_MESSAGES } from '../validation/issues';

/**
 * Device → server frames as they arrive: the schemas, types and limits are the protocol's
 * (domain/protocol/client-messages.ts); this turns a raw body into a message or the error to send back to its
 * sender, and never throws. A refusal names the field and what was wrong with it, never what was sent (see
 * adapters/validation/issues.ts).
 */
export type ParsedFrame =
  | { readonly kind: 'message'; readonly message: ClientMessage }
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly reason: string };

/** Keys that would reach an object's prototype if the value were ever merged into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
  if (!isClientAction(action)) return refused('unknown-action', `unknown action ${JSON.stringify(action.slice(0, 64))}`);
  return toMessage(action, value);
}

function toMessage(action: ClientAction, value: unknown): ParsedFrame {
  const parsed = v.safeParse(CLIENT_MESSAGE_SCHEMAS[action], value, VALUE_FREE_MESSAGES);
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
      return { kind: 'message', message: visitorMessage(data) };
    case 'requestUpload':
      return {
        kind: 'message',
        message: {
          action: 'requestUpload',
          contentLength: data.contentLength,
          ...(data.camera === undefined ? {} : { camera: data.camera }),
        },
      };
    case 'answer':
      return { kind: 'message', message: { action: 'answer', ringId: data.ringId, reply: data.reply } };
    case 'verifyCode':
      return { kind: 'message', message: { action: 'verifyCode', code: data.code } };
    case 'webhooks':
      return { kind: 'message', message: { action: 'webhooks' } };
    case 'addWebhook':
      return {
        kind: 'message',
        message: { action: 'addWebhook', url: data.url, ...(data.events === undefined ? {} : { events: data.events }) },
      };
    case 'removeWebhook':
    case 'enableWebhook':
      return { kind: 'message', message: { action: data.action, webhookId: data.webhookId } };
    case 'pushKey':
    case 'pushSubscriptions':
      return { kind: 'message', message: { action: data.action } };
    case 'unsubscribePush':
      return { kind: 'message', message: { action: 'unsubscribePush', endpoint: data.endpoint } };
    case 'subscribePush': {
      const { endpoint, expirationTime, keys } = data.subscription;
      return {
        kind: 'message',
        message: {
          action: 'subscribePush',
          subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, ...(expirationTime == null ? {} : { expirationTime }) },
        },
      };
    }
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

/** The validated visitor frame as the message the handler acts on (photos decoded). */
function visitorMessage(data: ValidClientFrame<'visitors' | 'enroll' | 'forget'>): ClientMessage {
  switch (data.action) {
    case 'visitors':
      return { action: 'visitors' };
    case 'forget':
      return { action: 'forget', name: data.name };
    case 'enroll':
      return {
        action: 'enroll',
        name: data.name,
        ...(data.trusted === undefined ? {} : { trusted: data.trusted }),
        photos: data.photos.map((photo) => new Uint8Array(Buffer.from(photo, 'base64'))),
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
