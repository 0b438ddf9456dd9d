import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS, DEFAULT_OPTIONS, optionsFromContext } from '../../../infrastructure/cdk/doorbell-app';
import { cdkJsonContext, synthesizeDoorbell } from './doorbell-stacks';
import { render } from './iam-statements';

const options = (context: Record<string, unknown>) => optionsFromContext(new App({ context }));

describe("the app's options", () => {
  it("default to 30 days of retention, stage prod, the deployment's own collection prefix, and cdk-nag on", () => {
    expect(options({})).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({ name: 'Doorbell', retentionDays: 30, answerWindowSeconds: 60, stageName: 'prod', nag: true });
    expect(DEFAULT_OPTIONS.collectionPrefix).toBeUndefined();
  });

  it("take a collection prefix from context, overriding the deployment's own", () => {
    expect(options({ [CONTEXT_KEYS.collectionPrefix]: 'doorbell-' }).collectionPrefix).toBe('doorbell-');
    expect(synthesizeDoorbell(options({ [CONTEXT_KEYS.collectionPrefix]: 'doorbell-' })).doorbell.stateless.collectionPrefix).toBe(
      'doorbell-',
    );
  });

  it('come from context (`-c doorbell:retentionDays=14`; the CLI passes strings)', () => {
    expect(
      options({
        [CONTEXT_KEYS.retentionDays]: '14',
        [CONTEXT_KEYS.answerWindowSeconds]: '90',
        [CONTEXT_KEYS.name]: 'Doorbell-Test',
        [CONTEXT_KEYS.alarmEmail]: 'ops@example.com',
        [CONTEXT_KEYS.apiGatewayCloudWatchRole]: 'false',
        [CONTEXT_KEYS.rateLimit]: '10',
        [CONTEXT_KEYS.burstLimit]: '20',
      }),
    ).toEqual({
      ...DEFAULT_OPTIONS,
      name: 'Doorbell-Test',
      retentionDays: 14,
      answerWindowSeconds: 90,
      alarmEmail: 'ops@example.com',
      apiGatewayCloudWatchRole: false,
      throttle: { rateLimit: 10, burstLimit: 20 },
    });
  });

  it('refuse a retention outside 1–3650 days, or not a whole number, naming the key', () => {
    expect(() => options({ [CONTEXT_KEYS.retentionDays]: '0' })).toThrow('doorbell:retentionDays');
    expect(() => options({ [CONTEXT_KEYS.retentionDays]: '4000' })).toThrow('doorbell:retentionDays');
    expect(() => options({ [CONTEXT_KEYS.retentionDays]: '7.5' })).toThrow('doorbell:retentionDays');
  });
});

describe('face data per deployment', () => {
  /** The collection names a deployment's grants match: the resource before its `*`. */
  const grantedCollections = (name: string) => {
    const { stateless } = synthesizeDoorbell({ name });
    const resources = Object.values(stateless.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (policy['Properties']['PolicyDocument']['Statement'] as { Resource: unknown }[]).map((statement) =>
        JSON.stringify(statement.Resource),
      ),
    );
    const patterns = new Set(resources.flatMap((resource) => [...resource.matchAll(/:collection\/([^"*]*)\*/g)].map((match) => match[1]!)));
    expect(patterns.size).toBe(1);
    return [...patterns][0]!;
  };

  it("each deployment names its own collections, and no deployment's grants reach another's", () => {
    const names = ['Doorbell', 'DoorbellTest', 'Doorbell-Test', 'Doorbell-T'];
    const granted = new Map(names.map((name) => [name, grantedCollections(name)]));
    expect(granted.get('Doorbell')).toBe('Doorbell_');
    for (const [a, prefixA] of granted) {
      for (const [b, prefixB] of granted) {
        if (a !== b) expect(prefixB.startsWith(prefixA), `${a}'s grant collection/${prefixA}* covers ${b}'s collections`).toBe(false);
      }
    }
  });

  it('hands identify and the resident messages the same prefix it grants, and outputs it for the CLI', () => {
    const { stateless, doorbell } = synthesizeDoorbell({ name: 'DoorbellTest' });
    const prefixes = Object.values(stateless.findResources('AWS::Lambda::Function'))
      .map((fn) => fn['Properties']['Environment']['Variables']['REKOGNITION_COLLECTION_PREFIX'])
      .filter(Boolean);
    expect(prefixes).toEqual(['DoorbellTest_', 'DoorbellTest_']);
    expect(doorbell.stateless.collectionPrefix).toBe('DoorbellTest_');
    stateless.hasOutput('*', { Value: 'DoorbellTest_' });
  });
});

describe('the answer window option', () => {
  it('sets the workflow wait and the functions that judge answers alike', () => {
    const { stateless: template } = synthesizeDoorbell(options({ [CONTEXT_KEYS.answerWindowSeconds]: '90' }));
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const definition = JSON.stringify(machine?.['Properties']?.['DefinitionString']);
    expect(definition).toContain('\\"TimeoutSeconds\\":90');
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const windows = functions.map((fn) => fn['Properties']['Environment']['Variables']['ANSWER_WINDOW_SECONDS']).filter(Boolean);
    expect(windows.length).toBeGreaterThan(0);
    expect(new Set(windows)).toEqual(new Set(['90']));
  });

  it('refuses a window outside 5 s–1 h, naming the setting', () => {
    expect(() => synthesizeDoorbell(options({ [CONTEXT_KEYS.answerWindowSeconds]: '2' }))).toThrow(/answerWindow/);
  });
});

describe('the allowed origins option', () => {
  it("gives the authorizer, and only it, ALLOWED_ORIGINS: the hosted pages' origin, then the ones named", () => {
    const context = { [CONTEXT_KEYS.allowedOrigins]: 'https://door.example.com, https://home.example.com' };
    const { doorbell, stateless: template, stateful } = synthesizeDoorbell(options(context));
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const origins = functions
      .map((fn) => fn['Properties']['Environment']?.['Variables']?.['ALLOWED_ORIGINS'])
      .filter(Boolean)
      .map((value) => render(value, stateful));
    const distribution = Stack.of(doorbell.stateful).getLogicalId(
      doorbell.stateful.pageHosting.distribution.node.defaultChild as CfnElement,
    );

    expect(origins).toEqual([`https://<${distribution}.DomainName>,https://door.example.com,https://home.example.com`]);
    expect(options({}).allowedOrigins).toBeUndefined();
  });

  it('refuses an entry that is not an origin, naming the key', () => {
    expect(() => options({ [CONTEXT_KEYS.allowedOrigins]: 'https://door.example.com,door' })).toThrow('doorbell:allowedOrigins');
  });
});

describe('cdk.json', () => {
  it('keeps synthesis offline and quiet: no notices, no version reporting, no CLI telemetry', () => {
    const config = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ app: 'npx tsx infrastructure/cdk/app.ts', notices: false, versionReporting: false });
    expect(cdkJsonContext()).toMatchObject({ 'cli-telemetry': false });
  });

  it('carries the feature flags a fresh `cdk init` of this aws-cdk-lib writes', () => {
    const recommended = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(cdkJsonContext()).toMatchObject(recommended);
  });
});
