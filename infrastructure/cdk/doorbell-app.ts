import { Validations, type App } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { deploymentCollectionPrefix } from '../../adapters/rekognition/collection-id';
import { DEFAULT_ANSWER_WINDOW } from '../../domain/answer';
import { DEFAULT_RETENTION_DAYS, isValidRetentionDays } from '../../domain/retention';
import { seconds } from '../../domain/time';
import { allowedOrigins } from '../../adapters/lambda/browser-origins';
import { BROWSER_PAGES } from '../local/page-bundle';
import type { BundledRecognizer } from './lambda-bundle-options';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface DoorbellOptions {
  /** Stack names are `${name}Stateful` and `${name}` (the one with the outputs). */
  readonly name: string;
  /** Days a ring and its photo are kept (the bucket lifecycle and the rings' TTL). */
  readonly retentionDays: number;
  /** How long residents can answer a ring, and the workflow waits for it (whole seconds, 5–3600). */
  readonly answerWindowSeconds: number;
  readonly stageName: string;
  /** Rekognition collections are `${prefix}${household}`; by default the deployment's own (`${name}_`). */
  readonly collectionPrefix?: string;
  readonly throttle: ThrottleSettings;
  readonly alarmEmail?: string;
  readonly apiGatewayCloudWatchRole: boolean;
  /** Run the cdk-nag AwsSolutions checks on synthesis (findings not acknowledged fail it). */
  readonly nag: boolean;
  /** Browser origins allowed to connect besides the hosted pages' own (the authorizer's ALLOWED_ORIGINS). */
  readonly allowedOrigins?: readonly string[];
  /** Who recognizes faces: Amazon Rekognition, or the face model in the functions with descriptors in DynamoDB. */
  readonly recognizer: BundledRecognizer;
}

export const DEFAULT_OPTIONS: DoorbellOptions = {
  name: 'Doorbell',
  retentionDays: DEFAULT_RETENTION_DAYS,
  answerWindowSeconds: DEFAULT_ANSWER_WINDOW / 1000,
  stageName: 'prod',
  throttle: { rateLimit: 50, burstLimit: 100 },
  apiGatewayCloudWatchRole: true,
  nag: true,
  recognizer: 'rekognition',
};

/** The context keys (`cdk deploy -c doorbell:retentionDays=14`) that override the defaults. */
export const CONTEXT_KEYS = {
  name: 'doorbell:name',
  retentionDays: 'doorbell:retentionDays',
  answerWindowSeconds: 'doorbell:answerWindowSeconds',
  stageName: 'doorbell:stageName',
  collectionPrefix: 'doorbell:collectionPrefix',
  alarmEmail: 'doorbell:alarmEmail',
  apiGatewayCloudWatchRole: 'doorbell:apiGatewayCloudWatchRole',
  rateLimit: 'doorbell:rateLimit',
  burstLimit: 'doorbell:burstLimit',
  allowedOrigins: 'doorbell:allowedOrigins',
  recognizer: 'doorbell:recognizer',
} as const;

/**
 * The options from the app's context, each checked.
 * @throws Error naming the context key: an empty text, a number that is not a whole number ≥ 1, a retention
 *   outside 1–3650 days, or an allowed origin that is not one.
 */
export function optionsFromContext(app: App): DoorbellOptions {
  const get = (key: string): unknown => app.node.tryGetContext(key);
  const text = (key: string, fallback: string) => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || value.length === 0) throw new Error(`${key} must be a non-empty string`);
    return value;
  };
  const integer = (key: string, fallback: number) => {
    const value = get(key);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${key} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
    return number;
  };
  const flag = (key: string, fallback: boolean) => {
    const value = get(key);
    return value === undefined ? fallback : value === true || value === 'true';
  };
  const retentionDays = integer(CONTEXT_KEYS.retentionDays, DEFAULT_OPTIONS.retentionDays);
  if (!isValidRetentionDays(retentionDays)) throw new Error(`${CONTEXT_KEYS.retentionDays} must be from 1 to 3650 days`);
  const alarmEmail = get(CONTEXT_KEYS.alarmEmail);
  const origins = get(CONTEXT_KEYS.allowedOrigins);
  const allowed =
    origins === undefined
      ? undefined
      : text(CONTEXT_KEYS.allowedOrigins, '')
          .split(',')
          .map((origin) => origin.trim());
  try {
    if (allowed) allowedOrigins(allowed);
  } catch (error) {
    throw new Error(`${CONTEXT_KEYS.allowedOrigins}: ${(error as Error).message}`);
  }
  const recognizer = text(CONTEXT_KEYS.recognizer, DEFAULT_OPTIONS.recognizer);
  if (recognizer !== 'rekognition' && recognizer !== 'model') throw new Error(`${CONTEXT_KEYS.recognizer} must be rekognition or model`);
  return {
    name: text(CONTEXT_KEYS.name, DEFAULT_OPTIONS.name),
    retentionDays,
    // Range-checked with the other ring settings (ringSettings) when the stack is built.
    answerWindowSeconds: integer(CONTEXT_KEYS.answerWindowSeconds, DEFAULT_OPTIONS.answerWindowSeconds),
    stageName: text(CONTEXT_KEYS.stageName, DEFAULT_OPTIONS.stageName),
    ...(get(CONTEXT_KEYS.collectionPrefix) !== undefined && { collectionPrefix: text(CONTEXT_KEYS.collectionPrefix, '') }),
    throttle: {
      rateLimit: integer(CONTEXT_KEYS.rateLimit, DEFAULT_OPTIONS.throttle.rateLimit ?? 50),
      burstLimit: integer(CONTEXT_KEYS.burstLimit, DEFAULT_OPTIONS.throttle.burstLimit ?? 100),
    },
    ...(typeof alarmEmail === 'string' && alarmEmail.length > 0 && { alarmEmail }),
    ...(allowed && { allowedOrigins: allowed }),
    apiGatewayCloudWatchRole: flag(CONTEXT_KEYS.apiGatewayCloudWatchRole, DEFAULT_OPTIONS.apiGatewayCloudWatchRole),
    nag: true,
    recognizer,
  };
}

export interface Doorbell {
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/** The doorbell's two stacks in `app`: the data apart from the code. */
export function createDoorbell(app: App, options: DoorbellOptions = DEFAULT_OPTIONS): Doorbell {
  const stateful = new StatefulStack(app, `${options.name}Stateful`, {
    retentionDays: options.retentionDays,
    faceDescriptors: options.recognizer === 'model',
    pages: BROWSER_PAGES,
    // The origins whose pages may connect may upload too (a door page served elsewhere uploads with presigned PUTs).
    ...(options.allowedOrigins && { uploadOrigins: options.allowedOrigins }),
  });
  const stateless = new StatelessStack(app, options.name, {
    stateful,
    stageName: options.stageName,
    retentionDays: options.retentionDays,
    ringSettings: { answerWindow: seconds(options.answerWindowSeconds) },
    collectionPrefix: options.collectionPrefix ?? deploymentCollectionPrefix(options.name),
    throttle: options.throttle,
    apiGatewayCloudWatchRole: options.apiGatewayCloudWatchRole,
    recognizer: options.recognizer,
    ...(options.alarmEmail && { alarmEmail: options.alarmEmail }),
    ...(options.allowedOrigins && { allowedOrigins: options.allowedOrigins }),
  });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, stateless };
}
