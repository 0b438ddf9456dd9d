import * as z from 'zod/mini';
import '../validation/zod-english';

/**
 * The input of the ring workflow: EventBridge's "Object Created" event from the photo bucket (what the rule
 * starts the state machine with). Only the fields we use are required; the rest pass through untouched.
 */
export const objectCreatedEvent = z.looseObject({
  id: z.optional(z.string()),
  'detail-type': z.optional(z.literal('Object Created')),
  source: z.optional(z.literal('aws.s3')),
  detail: z.looseObject({
    bucket: z.looseObject({ name: z.string() }),
    object: z.looseObject({ key: z.string().check(z.minLength(1), z.maxLength(1024)), sequencer: z.optional(z.string()) }),
  }),
});

/** After a failed Identify, the state machine's Catch adds the failure under this key and calls Identify again. */
export const IDENTIFY_FAILURE_KEY = 'identifyFailure';

export const identifyFailure = z.looseObject({ Error: z.optional(z.string()), Cause: z.optional(z.string()) });

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

/** The ring a workflow task is about; each state hands it on from Identify's output. */
const ringTask = { householdId: z.string(), ringId: z.string() };

/**
 * The Announce function runs two states, told apart by `task` (see WORKFLOW_TASKS): announcing the ring (also the
 * default, for inputs without `task`) and issuing access codes.
 */
export const announceFunctionInput = z.union([
  z.object({
    task: z.optional(z.literal('announce')),
    ...ringTask,
    /** The workflow run announcing: `$$.Execution.Id`. */
    claimant: z.string().check(z.minLength(1)),
  }),
  z.object({ task: z.literal('issueAccessCodes'), ...ringTask }),
]);

/** The answer-window function: keeping the wait's task token, and recording the ring unanswered at its timeout. */
export const answerWindowInput = z.discriminatedUnion('task', [
  z.object({ task: z.literal('awaitAnswer'), ...ringTask, taskToken: z.string().check(z.minLength(1), z.maxLength(1024)) }),
  z.object({ task: z.literal('recordUnanswered'), ...ringTask }),
]);

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
