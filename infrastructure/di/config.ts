import * as v from 'valibot';
import { allowedOrigins } from '../../adapters/lambda/browser-origins';
import { VALUE_FREE_MESSAGES } from '../../adapters/validation/issues';
import { DEFAULT_RING_SETTINGS, ringSettings, type RingSettings } from '../../application/settings';
import { seconds } from '../../domain/time';

/**
 * The one place configuration is read. Each composition root asks for the variables it needs; every missing or
 * malformed one is reported at once, by name, before the first request.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads the variables of `spec` from `env`.
 * @throws ConfigError naming every missing or malformed variable at once.
 */
export function readEnvironment<Spec extends Record<string, v.GenericSchema>>(
  env: Environment,
  spec: Spec,
): { [K in keyof Spec]: v.InferOutput<Spec[K]> } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec)) {
    const raw = env[name];
    const parsed = v.safeParse(schema, raw === '' ? undefined : raw, VALUE_FREE_MESSAGES);
    if (parsed.success) values[name] = parsed.output;
    else
      problems.push(
        `${name}: ` +
          `${raw === undefined || raw === '' ? 'is required but not set' : `${parsed.issues[0].message} (got ${JSON.stringify(raw)})`}`,
      );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as { [K in keyof Spec]: v.InferOutput<Spec[K]> };
}

const URL_MESSAGE = 'must be an http(s) or ws(s) URL';
const NUMBER_MESSAGE = 'must be a number';

/**
 * Variable types, as valibot schemas: every check a function of its own, so a Lambda loads only those it uses, and
 * cheap to build at cold start.
 */
export const env = {
  /** A DynamoDB table name (3–255 of [a-zA-Z0-9_.-]). */
  tableName: () => v.pipe(v.string(), v.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')),
  /** An S3 bucket name. */
  bucketName: () => v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
  /**
   * An absolute http(s) or ws(s) URL, trimmed; tabs and line breaks, which the URL parser drops, are dropped from
   * the value too, so that the value used is the one checked.
   */
  url: () =>
    v.pipe(
      v.string(URL_MESSAGE),
      v.trim(),
      v.check(isWebUrl, URL_MESSAGE),
      v.transform((url) => url.replace(/[\t\n\r]/g, '')),
    ),
  /** An endpoint that may be left unset (the SDK's default then). */
  optionalUrl: () => v.optional(env.url()),
  text: () => v.pipe(v.string(), v.minLength(1)),
  /** A number, `fallback` when unset; `rule` adds its range (a number that is not finite is not a number here). */
  optionalNumber: (fallback: number, rule: v.GenericSchema<number> = v.number()) =>
    v.optional(v.pipe(v.unknown(), v.transform(Number), v.number(NUMBER_MESSAGE), v.finite(NUMBER_MESSAGE), rule), fallback),
} as const;

function isWebUrl(text: string): boolean {
  try {
    return /^(https?|wss?):$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The ring-flow tunables, from optional variables; defaults as in DEFAULT_RING_SETTINGS. */
export function ringSettingsFromEnvironment(environment: Environment): RingSettings {
  const d = DEFAULT_RING_SETTINGS;
  const values = readEnvironment(environment, {
    MATCH_THRESHOLD: env.optionalNumber(d.matchThreshold, v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
    DEBOUNCE_SECONDS: env.optionalNumber(d.debounceWindow / 1000, v.pipe(v.number(), v.minValue(0))),
    RETENTION_DAYS: env.optionalNumber(d.retentionDays, v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(3650))),
    SNAPSHOT_LINK_SECONDS: env.optionalNumber(
      d.snapshotLinkExpiry / 1000,
      v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(604_800)),
    ),
    UPLOAD_LINK_SECONDS: env.optionalNumber(
      d.uploadLinkExpiry / 1000,
      v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(604_800)),
    ),
    PUSH_CONCURRENCY: env.optionalNumber(d.pushConcurrency, v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(1000))),
    ANSWER_WINDOW_SECONDS: env.optionalNumber(d.answerWindow / 1000, v.pipe(v.number(), v.safeInteger(), v.minValue(5), v.maxValue(3600))),
  });
  return ringSettings({
    matchThreshold: values.MATCH_THRESHOLD,
    debounceWindow: Math.round(seconds(values.DEBOUNCE_SECONDS)),
    retentionDays: values.RETENTION_DAYS,
    snapshotLinkExpiry: seconds(values.SNAPSHOT_LINK_SECONDS),
    uploadLinkExpiry: seconds(values.UPLOAD_LINK_SECONDS),
    pushConcurrency: values.PUSH_CONCURRENCY,
    answerWindow: seconds(values.ANSWER_WINDOW_SECONDS),
  });
}

/**
 * ALLOWED_ORIGINS, comma-separated (`https://door.example.com,https://home.example.com`); unset: any origin.
 * @throws ConfigError naming ALLOWED_ORIGINS and the first entry that is not an origin.
 */
export function allowedOriginsFromEnvironment(environment: Environment): ReadonlySet<string> | undefined {
  const raw = environment['ALLOWED_ORIGINS']?.trim();
  if (!raw) return undefined;
  try {
    return allowedOrigins(raw.split(',').map((origin) => origin.trim()));
  } catch (error) {
    throw new ConfigError([`ALLOWED_ORIGINS: ${(error as Error).message}`]);
  }
}
