import * as v from 'valibot';
import { householdId, ID_PATTERN, ringId } from '../../domain/ids';
import { notArray, VALUE_FREE_MESSAGES } from '../validation/issues';

/*
 * The workflow's inputs, checked with valibot (small and fast to set up at cold start; see
 * adapters/validation/issues.ts), with messages that never quote the input.
 */

/**
 * The input of the ring workflow: EventBridge's "Object Created" event from the photo bucket (what the rule
 * starts the state machine with). Only the fields we use are required; the rest pass through untouched.
 */
export const objectCreatedEvent = v.config(
  v.looseObject({
    id: v.optional(v.string()),
    'detail-type': v.optional(v.literal('Object Created')),
    source: v.optional(v.literal('aws.s3')),
    detail: v.looseObject({
      bucket: v.looseObject({ name: v.string() }),
      object: v.looseObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)), sequencer: v.optional(v.string()) }),
    }),
  }),
  VALUE_FREE_MESSAGES,
);

/** After a failed Identify, the state machine's Catch adds the failure under this key and calls Identify again. */
export const IDENTIFY_FAILURE_KEY = 'identifyFailure';

export const identifyFailure = v.config(
  v.pipe(notArray, v.looseObject({ Error: v.optional(v.string()), Cause: v.optional(v.string()) })),
  VALUE_FREE_MESSAGES,
);

/** What Identify hands to the next state (and to Announce through it). */
export type IdentifyOutput =
  | {
      readonly kind: 'recorded';
      readonly householdId: string;
      readonly ringId: string;
      readonly photoKey: string;
      readonly outcome: string;
      /** False for a duplicate event or another press of the same ring window. */
      readonly fresh: boolean;
    }
  | { readonly kind: 'rejected'; readonly reason: string };

/** The ring a workflow task is about; each state hands it on from Identify's output. Ids come out branded. */
const ringTask = {
  householdId: v.pipe(
    v.string(),
    v.regex(ID_PATTERN, 'must be an id'),
    v.transform((id: string) => householdId(id)),
  ),
  ringId: v.pipe(
    v.string(),
    v.regex(ID_PATTERN, 'must be an id'),
    v.transform((id: string) => ringId(id)),
  ),
};

/** What a workflow task's function returns for an input its schema refuses (after logging why): the run goes on. */
export const MALFORMED_TASK = { kind: 'skipped', reason: 'malformed input' } as const;

/**
 * The Announce function runs two states, told apart by `task` (see WORKFLOW_TASKS): announcing the ring (also the
 * default, for inputs without `task`) and issuing access codes.
 */
export const announceFunctionInput = v.config(
  v.union([
    v.object({
      task: v.optional(v.literal('announce')),
      ...ringTask,
      /** The workflow run announcing: `$$.Execution.Id`. */
      claimant: v.pipe(v.string(), v.minLength(1)),
    }),
    v.object({ task: v.literal('issueAccessCodes'), ...ringTask }),
  ]),
  VALUE_FREE_MESSAGES,
);

/** The push-ring function: the announced ring to push to the household's browsers. */
export const pushRingInput = v.config(v.object({ ...ringTask }), VALUE_FREE_MESSAGES);

/** The answer-window function: keeping the wait's task token, and recording the ring unanswered at its timeout. */
export const answerWindowInput = v.config(
  v.variant('task', [
    v.object({ task: v.literal('awaitAnswer'), ...ringTask, taskToken: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)) }),
    v.object({ task: v.literal('recordUnanswered'), ...ringTask }),
  ]),
  VALUE_FREE_MESSAGES,
);

/**
 * Keys in EventBridge's S3 events may arrive URL-encoded (`:` as `%3A`). Ours never contain a literal `%`, so a key
 * with one is decoded; one that fails to decode is kept as is and will be rejected as not a ring photo.
 */
export function photoKeyOf(rawKey: string): string {
  if (!rawKey.includes('%') && !rawKey.includes('+')) return rawKey;
  try {
    return decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    return rawKey;
  }
}
