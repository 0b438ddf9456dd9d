import { App, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { MIN_REASON_WORDS } from '../../../infrastructure/cdk/acknowledge';
import { createDoorbell, DEFAULT_OPTIONS } from '../../../infrastructure/cdk/doorbell-app';
import { cdkJsonContext, synthesizeDoorbell } from './doorbell-stacks';

/**
 * cdk-nag 3 runs as a CDK policy-validation plugin: its findings go to the validation report, not to the
 * constructs' annotations (so `Annotations.fromStack(…).findError` sees none of them). The test runs the pack the
 * same way the plugin does, over the synthesized app (acknowledgements of wildcard resources are recorded during
 * synthesis, once cross-stack references are resolved).
 */
const { app } = synthesizeDoorbell();

/** CDK's BucketDeployment function, one per stack (its id is CDK's own, fixed). */
const PAGE_UPLOADER = 'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C';
const report = new AwsSolutionsChecks(app).validateScope(app);

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: string;
}

function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('finds no error and no warning that is not acknowledged', () => {
    const findings = report.violations.map((violation) => ({
      rule: violation.ruleName,
      severity: violation.severity,
      at: violation.violatingResources.map((resource) => resource.constructPath),
    }));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('does report what is not acknowledged (the check above is not vacuous)', () => {
    const scratch = new App({ builtinCloudFormationValidation: false });
    new Bucket(new Stack(scratch, 'Scratch'), 'Bucket');
    scratch.synth();
    const rules = new AwsSolutionsChecks(scratch).validateScope(scratch).violations.map((violation) => violation.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it("reports a wildcard added to a function's role: no acknowledgement of `Resource::*` covers a function role", () => {
    const scratch = new App({ builtinCloudFormationValidation: false, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    const doorbell = createDoorbell(scratch, { ...DEFAULT_OPTIONS, nag: false });
    doorbell.stateless.functions.identify.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListAllMyBuckets'], resources: ['*'] }));
    scratch.synth();
    const found = new AwsSolutionsChecks(scratch)
      .validateScope(scratch)
      .violations.filter((violation) => violation.ruleName.startsWith('AwsSolutions-IAM5'));
    expect(found.flatMap((violation) => violation.violatingResources.map((resource) => resource.constructPath))).toEqual([
      'Doorbell/IdentifyRole/DefaultPolicy/Resource',
    ]);
  });

  it('every acknowledgement says why, in at least ten words', () => {
    const all = acknowledgements(app);
    expect(all.length).toBeGreaterThan(0);
    for (const { path, id, reason } of all) {
      expect(reason.trim().split(/\s+/).length, `${id} on ${path}`).toBeGreaterThanOrEqual(MIN_REASON_WORDS);
    }
  });

  it('acknowledges exactly the reviewed findings (a new one must be added here, with its reason, on purpose)', () => {
    const generic = (id: string) => id.replace(/<[^>]*>/g, '<…>').replace(/\{"Fn::GetStackOutput".*?\}\}/g, '<stateful output>');
    const reviewed = acknowledgements(app)
      .filter(({ id }) => id.startsWith('AwsSolutions-'))
      .map(({ path, id }) => `${path.replace(/^Doorbell(Stateful)?\//, '')} ${generic(id)}`)
      .sort();
    expect(reviewed).toEqual(
      [
        'PhotoBucket/AccessLogs AwsSolutions-S1',
        'DeviceTokenSecret/Secret AwsSolutions-SMG4',
        ...['AccessCodes', 'Connections', 'RingWindows'].map((table) => `Tables/${table} AwsSolutions-DDB3`),
        'ApiGatewayCloudWatchRole/Role AwsSolutions-IAM4' +
          '[Policy::arn:<…>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        ...[
          '$disconnect',
          '$default',
          'ping',
          'history',
          'requestUpload',
          'answer',
          'verifyCode',
          'visitors',
          'enroll',
          'forget',
          'webhooks',
          'addWebhook',
          'removeWebhook',
          'enableWebhook',
        ].map((route) => `WebSocket/Api/${route}-Route AwsSolutions-APIG4`),
        'OnResidentMessageRole AwsSolutions-IAM5[Resource::<stateful output>/rings/*]',
        'OnDoorbellMessageRole AwsSolutions-IAM5[Resource::<stateful output>/rings/*]',
        'IdentifyRole AwsSolutions-IAM5[Resource::<stateful output>/rings/*]',
        'AnnounceRole AwsSolutions-IAM5[Resource::<stateful output>/rings/*]',
        'DeliverWebhooksRole AwsSolutions-IAM5[Resource::<stateful output>/rings/*]',
        ...['OnMessageRole', 'OnResidentMessageRole', 'OnDoorbellMessageRole'].map(
          (role) => `${role} AwsSolutions-IAM5[Resource::arn:<…>:execute-api:<…>:<…>:<…>/prod/POST/@connections/*]`,
        ),
        'AnnounceRole AwsSolutions-IAM5[Resource::arn:<…>:execute-api:<…>:<…>:<…>/prod/POST/@connections/*]',
        'IdentifyDetectFaces AwsSolutions-IAM5[Resource::*]',
        'IdentifyRole AwsSolutions-IAM5[Resource::arn:<…>:rekognition:<…>:<…>:collection/Doorbell_*]',
        'OnResidentMessageRole AwsSolutions-IAM5[Resource::arn:<…>:rekognition:<…>:<…>:collection/Doorbell_*]',
        'RingWorkflow/StateMachine/Role AwsSolutions-IAM5[Resource::*]',
        'RingWorkflow/DeadLetterQueue AwsSolutions-SQS3',
        'Webhooks/DeadLetterQueue AwsSolutions-SQS3',
        'RingWorkflow/StateMachine AwsSolutions-SF1',
        // The pages' hosting, and CDK's uploader of their files (one function for every page).
        'PageHosting/Logs AwsSolutions-S1',
        ...['CFR1', 'CFR2', 'CFR4'].map((rule) => `PageHosting/Distribution AwsSolutions-${rule}`),
        `${PAGE_UPLOADER} AwsSolutions-L1`,
        `${PAGE_UPLOADER}/ServiceRole AwsSolutions-IAM4[Policy::arn:<…>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
        ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map(
          (action) => `${PAGE_UPLOADER}/ServiceRole AwsSolutions-IAM5[Action::${action}]`,
        ),
        `${PAGE_UPLOADER}/ServiceRole AwsSolutions-IAM5[Resource::*]`,
        `${PAGE_UPLOADER}/ServiceRole AwsSolutions-IAM5[Resource::<stateful output>/*]`,
        `${PAGE_UPLOADER}/ServiceRole AwsSolutions-IAM5[Resource::arn:<…>:s3:::cdk-hnb659fds-assets-<…>-<…>/*]`,
      ].sort(),
    );
  });
});
