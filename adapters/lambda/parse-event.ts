import * as v from 'valibot';
import { issueSummary } from '../validation/issues';
import type { HandlerLogger } from './telemetry';

/**
 * Every handler's prologue: its event, validated by its own schema, or undefined after a warning that says what was
 * wrong (paths and value-free messages: the schemas run with VALUE_FREE_MESSAGES, and events carry tokens). What to
 * answer then is the handler's: 400, a refusal, or a skipped workflow task. Takes the schema as an argument, so a
 * bundle holds only the schemas its handler passes.
 */
export function parseEvent<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  logger: HandlerLogger,
  warning: string,
): v.InferOutput<S> | undefined {
  const parsed = v.safeParse(schema, input);
  if (parsed.success) return parsed.output;
  logger.warn(warning, { issues: issueSummary(parsed.issues) });
  return undefined;
}
