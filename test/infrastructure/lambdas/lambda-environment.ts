import { vi } from 'vitest';
import { LAMBDA_ROOTS, RING_SETTING_VARIABLES, type LambdaRootName } from '../../../infrastructure/lambdas/functions';
import { FAKE_S3_CREDENTIALS, FAKE_S3_REGION } from '../../support/fake-s3';

/** A composition root as imported: the handler Lambda calls (its event and result types are the handler's own). */
export interface LoadedRoot {
  // biome-ignore lint/suspicious/noExplicitAny: each root's handler has its own event and result types
  readonly handler: (event: any, context: any) => Promise<any>;
}

/** What every function gets from Lambda itself (region, the role's credentials), and quiet Powertools for the test run. */
export const LAMBDA_BASICS = {
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example-secret',
  AWS_SESSION_TOKEN: 'example-session-token',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

const { AWS_SESSION_TOKEN: _, ...LONG_TERM_BASICS } = LAMBDA_BASICS;

/**
 * LAMBDA_BASICS for functions whose peers are the loopback fakes: the fake S3 recomputes presigned signatures with
 * its own long-term credentials (no session token).
 */
export const LOOPBACK_BASICS = {
  ...LONG_TERM_BASICS,
  AWS_REGION: FAKE_S3_REGION,
  AWS_ACCESS_KEY_ID: FAKE_S3_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: FAKE_S3_CREDENTIALS.secretAccessKey,
};

/** Whether a variable is one a composition root could read: ours, the AWS SDK's or Powertools'. */
const isLambdaVariable = (name: string) =>
  (/^(AWS_|POWERTOOLS_)/.test(name) && name !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') || KNOWN_VARIABLES.has(name);
const KNOWN_VARIABLES = new Set<string>([
  ...Object.values(LAMBDA_ROOTS).flatMap((root) => [...root.variables, ...root.optional]),
  ...RING_SETTING_VARIABLES,
]);

/**
 * Gives process.env exactly `variables` among those a root could read, until `restore()`: a cold start sees only
 * what its function is given.
 */
export function useEnvironment(variables: Readonly<Record<string, string>>) {
  const saved = { ...process.env };
  for (const name of Object.keys(process.env)) if (isLambdaVariable(name)) delete process.env[name];
  Object.assign(process.env, variables);
  return {
    restore() {
      for (const name of Object.keys(process.env)) delete process.env[name];
      Object.assign(process.env, saved);
    },
  };
}

/** Imports a composition root afresh, as a cold start does: every root listed in functions.ts, by its entry. */
export async function coldStart(name: LambdaRootName): Promise<LoadedRoot> {
  vi.resetModules();
  const entry = LAMBDA_ROOTS[name].entry.replace(/\.ts$/, '');
  return (await import(`../../../infrastructure/lambdas/${entry}.ts`)) as LoadedRoot;
}
