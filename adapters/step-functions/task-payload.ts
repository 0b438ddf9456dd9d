import { WorkflowCallbackError } from '../../domain/errors';

/**
 * Step Functions' size limits on what a callback carries (API reference, SendTaskSuccess / SendTaskFailure):
 * `output` at most 256 KiB of UTF-8; `error` at most 256 characters, `cause` at most 32,768.
 */
export const MAX_OUTPUT_BYTES = 256 * 1024;
export const MAX_ERROR_LENGTH = 256;
export const MAX_CAUSE_LENGTH = 32_768;

const utf8 = new TextEncoder();

/**
 * The task output as the JSON string SendTaskSuccess carries (`undefined` becomes `null`, as in the in-memory
 * twin). Output that can't be sent is a bug in the caller, not a reason to retry: it fails before any request.
 * @throws WorkflowCallbackError (not retryable) when the output has no JSON form or is over MAX_OUTPUT_BYTES.
 */
export function serializeOutput(output: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(output ?? null);
  } catch (error) {
    throw new WorkflowCallbackError(`task output cannot be serialized as JSON: ${String(error)}`, { retryable: false, cause: error });
  }
  if (json === undefined) {
    throw new WorkflowCallbackError(`task output of type ${typeof output} has no JSON form`, { retryable: false });
  }
  const bytes = utf8.encode(json).byteLength;
  if (bytes > MAX_OUTPUT_BYTES) {
    throw new WorkflowCallbackError(`task output of ${bytes} bytes exceeds Step Functions' limit of 256 KiB (${MAX_OUTPUT_BYTES} bytes)`, {
      retryable: false,
    });
  }
  return json;
}

/**
 * At most `max` characters (Unicode code points, as Smithy's length constraints count them; a surrogate pair is never
 * split). A cut text ends with "…" so a reader of the execution history can tell.
 */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `${characters.slice(0, max - 1).join('')}…`;
}

/** The error name is matched by the state machine's Catch/Retry, so it is cut but never decorated. */
export function truncateErrorName(error: string): string {
  return Array.from(error).slice(0, MAX_ERROR_LENGTH).join('');
}
