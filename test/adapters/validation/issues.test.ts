import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { connectEvent } from '../../../adapters/lambda/websocket-events/connect-event';
import { issueSummary, notArray, VALUE_FREE_MESSAGES } from '../../../adapters/validation/issues';
import { fixture } from '../lambda/websocket-fixtures';

const SECRET = 'tok-3f9a-secret';

const schema = v.config(
  v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(8)),
    code: v.pipe(v.string(), v.regex(/^\d{6}$/)),
    count: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(20))),
    kind: v.optional(v.picklist(['a', 'b'])),
    photos: v.optional(v.pipe(v.array(v.pipe(v.string(), v.base64())), v.minLength(1))),
    labelled: v.optional(v.pipe(v.string(), v.regex(/^x$/, 'must be x'))),
  }),
  VALUE_FREE_MESSAGES,
);

const messages = (input: unknown) => {
  const parsed = v.safeParse(schema, input);
  return parsed.success ? [] : issueSummary(parsed.issues);
};

describe('value-free validation messages', () => {
  it('say what was expected, by path, and never repeat what was sent', () => {
    const summary = messages({ name: SECRET, code: SECRET, count: 1.5, kind: SECRET, photos: [SECRET], [SECRET]: 1 });
    expect(summary).toEqual([
      'name: must have at most 8 characters',
      'code: must match /^\\d{6}$/',
      'count: must be an integer',
      'kind: must be "a" or "b"',
      'photos.0: must be Base64',
    ]);
    expect(summary.join('\n')).not.toContain(SECRET);
  });

  it('name a missing field, a field of the wrong type and an unknown one', () => {
    expect(messages({ code: 7, extra: SECRET })).toEqual([
      'name: is required',
      'code: expected string, received number',
      'extra: is not allowed',
    ]);
    expect(messages({ name: 'n', code: '123456', photos: [] })).toEqual(['photos: must have at least 1 item']);
    expect(messages({ name: 'n', code: '123456', count: 21 })).toEqual(['count: must be at most 20']);
  });

  it('leave the messages a schema states itself as they are', () => {
    expect(messages({ name: 'n', code: '123456', labelled: SECRET })).toEqual(['labelled: must be x']);
  });

  it('call the whole input "(event)" unless told otherwise', () => {
    expect(messages('a string')).toEqual(['(event): expected object, received string']);
    const parsed = v.safeParse(schema, null);
    expect(parsed.success ? [] : issueSummary(parsed.issues, '(body)')).toEqual(['(body): expected object, received null']);
  });

  it('keep the token of an event out of the summary of its problems', () => {
    const event = fixture('connect');
    event['requestContext']['connectionId'] = `${SECRET} x`;
    event['requestContext']['authorizer']['householdId'] = `${SECRET}/x`;
    const parsed = v.safeParse(connectEvent, event);
    expect(parsed.success).toBe(false);
    const summary = parsed.success ? [] : issueSummary(parsed.issues);
    expect(summary).toEqual([
      'requestContext.connectionId: must be an API Gateway connection id',
      'requestContext.authorizer.householdId: must be a household id',
    ]);
  });

  it('refuse an array where an object is expected', () => {
    expect(v.safeParse(notArray, []).success).toBe(false);
    expect(v.safeParse(notArray, {}).success).toBe(true);
    expect(v.safeParse(notArray, null).success).toBe(false);
  });
});
