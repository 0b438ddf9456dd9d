import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LAMBDA_FUNCTION_NAMES, LAMBDA_SIZING } from '../../../infrastructure/cdk/lambda-functions';
import { createDoorbell, DEFAULT_OPTIONS, type Doorbell, type DoorbellOptions } from '../../../infrastructure/cdk/doorbell-app';

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The context `cdk synth` runs the app with: cdk.json's (the feature flags of a fresh `cdk init`). */
export function cdkJsonContext(): Record<string, unknown> {
  return (JSON.parse(readFileSync(`${PROJECT_ROOT}cdk.json`, 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface SynthesizedDoorbell {
  readonly app: App;
  readonly doorbell: Doorbell;
  readonly stateful: Template;
  readonly stateless: Template;
}

export interface SynthesisOptions {
  /** Run esbuild on the entries (slow); otherwise bundling is skipped as `cdk synth --exclusively` would. */
  readonly bundle?: boolean;
  readonly context?: Record<string, unknown>;
}

/**
 * The two stacks as `cdk synth` makes them (cdk.json's context), without cdk-nag (its test runs it itself) and
 * without CDK's built-in template validation (slow here; `cdk synth` in CI runs it).
 */
export function synthesizeDoorbell(options: Partial<DoorbellOptions> = {}, synthesis: SynthesisOptions = {}): SynthesizedDoorbell {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext(),
      ...(synthesis.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...synthesis.context,
    },
  });
  const doorbell = createDoorbell(app, { ...DEFAULT_OPTIONS, nag: false, ...options });
  for (const name of LAMBDA_FUNCTION_NAMES.filter((fn) => LAMBDA_SIZING[fn].nativeModules)) {
    Validations.of(doorbell.stateless.functions[name]).acknowledge({
      id: 'Annotation::doorbell:nativeModulesMissing',
      reason: 'These tests check templates and bundles; native-modules.test.ts checks this warning, whether or not sharp is cached here.',
    });
  }
  return { app, doorbell, stateful: Template.fromStack(doorbell.stateful), stateless: Template.fromStack(doorbell.stateless) };
}

let cached: SynthesizedDoorbell | undefined;

/** The default deployment, synthesized once per test file. */
export function defaultDoorbell(): SynthesizedDoorbell {
  cached ??= synthesizeDoorbell();
  return cached;
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }>;

/** The resources of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The one resource whose logical id starts with `prefix` (the construct id). */
export function resourceNamed(template: Template, type: string, prefix: string) {
  const matches = Object.entries(resourcesOf(template, type)).filter(([id]) => id.startsWith(prefix));
  if (matches.length !== 1)
    throw new Error(`expected one ${type} named ${prefix}*, found ${matches.map(([id]) => id).join(', ') || 'none'}`);
  const [id, resource] = matches[0]!;
  return { id, ...resource };
}
