import { vi } from 'vitest';
import { LAMBDA_ROOTS, RING_SETTING_VARIABLES } from '../../../infrastructure/lambdas/functions';

/** The composition roots, loaded fresh: each reads its environment when imported (at "cold start"). */
export const ROOTS = {
  authorizer: () => import('../../../infrastructure/lambdas/authorizer'),
  'on-connect': () => import('../../../infrastructure/lambdas/on-connect'),
  'on-disconnect': () => import('../../../infrastructure/lambdas/on-disconnect'),
  'on-message': () => import('../../../infrastructure/lambdas/on-message'),
  identify: () => import('../../../infrastructure/lambdas/identify'),
  announce: () => import('../../../infrastructure/lambdas/announce'),
  'answer-window': () => import('../../../infrastructure/lambdas/answer-window'),
} as const;

/** What every function gets from Lambda itself (region, the role's credentials), and quiet Powertools for the test run. */
export const LAMBDA_BASICS = {
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example-secret',
  AWS_SESSION_TOKEN: 'example-session-token',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
} as const;

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

/** Imports a composition root afresh, as a cold start does. */
export async function coldStart<Name extends keyof typeof ROOTS>(name: Name): Promise<Awaited<ReturnType<(typeof ROOTS)[Name]>>> {
  vi.resetModules();
  return (await ROOTS[name]()) as Awaited<ReturnType<(typeof ROOTS)[Name]>>;
}
