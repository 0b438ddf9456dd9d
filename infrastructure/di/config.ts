import * as z from 'zod/mini';
import '../../adapters/validation/zod-english';
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

/** Reads the variables of `spec` from `env`; throws ConfigError naming each bad one. */
export function readEnvironment<Spec extends Record<string, z.core.$ZodType>>(env: Environment, spec: Spec): { [K in keyof Spec]: z.output<Spec[K]> } {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(spec)) {
    const raw = env[name];
    const parsed = z.safeParse(schema, raw === '' ? undefined : raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(`${name}: ${raw === undefined || raw === '' ? 'is required but not set' : `${parsed.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(raw)})`}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values as { [K in keyof Spec]: z.output<Spec[K]> };
}

/** Variable types (zod/mini: the same checks as zod's classic API, far fewer bytes for a Lambda to load). */
export const env = {
  /** A DynamoDB table name (3–255 of [a-zA-Z0-9_.-]). */
  tableName: () => z.string().check(z.regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a DynamoDB table name')),
  /** An S3 bucket name. */
  bucketName: () => z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')),
  url: () => z.url({ protocol: /^(https?|wss?)$/, error: 'must be an http(s) or ws(s) URL' }),
  /** An endpoint that may be left unset (the SDK's default then). */
  optionalUrl: () => z.optional(env.url()),
  text: () => z.string().check(z.minLength(1)),
  optionalNumber: (fallback: number, rule: z.ZodMiniNumber<number> = z.number()) =>
    z._default(z.optional(z.pipe(z.coerce.number({ error: 'must be a number' }), rule)), fallback),
} as const;

/** The ring-flow tunables, from optional variables; defaults as in DEFAULT_RING_SETTINGS. */
export function ringSettingsFromEnvironment(environment: Environment): RingSettings {
  const d = DEFAULT_RING_SETTINGS;
  const values = readEnvironment(environment, {
    MATCH_THRESHOLD: env.optionalNumber(d.matchThreshold, z.number().check(z.minimum(0), z.maximum(100))),
    DEBOUNCE_SECONDS: env.optionalNumber(d.debounceWindow / 1000, z.number().check(z.minimum(0))),
    RETENTION_DAYS: env.optionalNumber(d.retentionDays, z.int().check(z.minimum(1), z.maximum(3650))),
    SNAPSHOT_LINK_SECONDS: env.optionalNumber(d.snapshotLinkExpiry / 1000, z.int().check(z.minimum(1), z.maximum(604_800))),
    UPLOAD_LINK_SECONDS: env.optionalNumber(d.uploadLinkExpiry / 1000, z.int().check(z.minimum(1), z.maximum(604_800))),
    PUSH_CONCURRENCY: env.optionalNumber(d.pushConcurrency, z.int().check(z.minimum(1), z.maximum(1000))),
    ANSWER_WINDOW_SECONDS: env.optionalNumber(d.answerWindow / 1000, z.int().check(z.minimum(5), z.maximum(3600))),
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
