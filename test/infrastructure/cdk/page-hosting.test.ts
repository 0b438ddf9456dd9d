import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { photoS3Client, S3PhotoStore, type S3PhotoStoreOptions } from '../../../adapters/s3/s3-photo-store';
import { permissionsPolicy } from '../../../adapters/local-http/page-routes';
import { seconds } from '../../../domain/time';
import { withReachPolicy } from '../../../infrastructure/cdk/constructs/page-deployment';
import { pageIndexFunction } from '../../../infrastructure/cdk/constructs/page-hosting';
import { pageUrlOutput } from '../../../infrastructure/cdk/outputs';
import { BROWSER_PAGES, pageFolder, writePageFiles } from '../../../infrastructure/local/page-bundle';
import { defaultDoorbell, resourceNamed, resourcesOf } from './doorbell-stacks';
import { render } from './iam-statements';

const { doorbell, stateful, stateless } = defaultDoorbell();
const idOf = (construct: IConstruct) => Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const hosting = doorbell.stateful.pageHosting;
const distribution = idOf(hosting.distribution);
const pagesBucket = idOf(hosting.bucket);
const origin = `https://<${distribution}.DomainName>`;

type Properties = Record<string, unknown>;
const distributionConfig = () =>
  resourcesOf(stateful, 'AWS::CloudFront::Distribution')[distribution]!.Properties['DistributionConfig'] as Properties;

describe('the pages bucket and its log bucket', () => {
  it('is private, encrypted, TLS-only, its access logged; only this distribution may read it (Origin Access Control)', () => {
    const bucket = resourcesOf(stateful, 'AWS::S3::Bucket')[pagesBucket]!.Properties;
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: idOf(hosting.logs) }, LogFilePrefix: 'pages/' },
    });
    const policy = Object.values(resourcesOf(stateful, 'AWS::S3::BucketPolicy')).find(
      ({ Properties: p }) => render(p['Bucket']) === `<${pagesBucket}>`,
    )!.Properties['PolicyDocument'] as { Statement: Properties[] };
    const readers = policy.Statement.filter((statement) => statement['Effect'] === 'Allow');
    expect(readers.map((statement) => [statement['Principal'], statement['Action'], render(statement['Resource'])])).toEqual([
      [{ Service: 'cloudfront.amazonaws.com' }, 's3:GetObject', `<${pagesBucket}.Arn>/*`],
    ]);
    expect(render((readers[0]!['Condition'] as { StringEquals: Properties }).StringEquals['AWS:SourceArn'])).toBe(
      `arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distribution}>`,
    );
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(distributionConfig()['Origins']).toEqual([
      expect.objectContaining({
        DomainName: { 'Fn::GetAtt': [pagesBucket, 'RegionalDomainName'] },
        OriginAccessControlId: expect.anything(),
      }),
    ]);
    stateful.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });

  it("keeps the request logs (they name the household's addresses) as long as the photos, and both stay with the data", () => {
    const logs = resourcesOf(stateful, 'AWS::S3::Bucket')[idOf(hosting.logs)]!;
    expect(logs.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 30, Status: 'Enabled' }] },
    });
    expect(logs).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(resourcesOf(stateful, 'AWS::S3::Bucket')[pagesBucket]).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(distributionConfig()['Logging']).toEqual({
      Bucket: { 'Fn::GetAtt': [idOf(hosting.logs), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });
});

describe('the distribution', () => {
  it('serves every page over HTTPS only (HTTP redirects), read-only, through the index function', () => {
    const config = distributionConfig();
    const behaviors = [config['DefaultCacheBehavior'], ...(config['CacheBehaviors'] as Properties[])] as Properties[];
    expect((config['CacheBehaviors'] as Properties[]).map((behavior) => behavior['PathPattern'])).toEqual(
      BROWSER_PAGES.map((page) => `/${page}/*`),
    );
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } }],
      });
    }
    expect(config).toMatchObject({ Enabled: true, HttpVersion: 'http2and3' });
  });

  it('sends / and /<page> to /<page>/ and serves a folder its index.html, as the local doorbell does', () => {
    const handler = new Function(`${pageIndexFunction(['dashboard', 'door'])}; return handler;`)() as (event: unknown) => Properties;
    const viewer = (uri: string) => handler({ request: { uri } });
    expect(viewer('/')).toMatchObject({ statusCode: 302, headers: { location: { value: '/dashboard/' } } });
    expect(viewer('/door')).toMatchObject({ statusCode: 302, headers: { location: { value: '/door/' } } });
    expect(viewer('/dashboard/')).toEqual({ uri: '/dashboard/index.html' });
    expect(viewer('/dashboard/app.js')).toEqual({ uri: '/dashboard/app.js' });
    expect(viewer('/dashboardx')).toEqual({ uri: '/dashboardx' });
  });

  it('answers every page with strict security headers: CSP, HSTS, nosniff, no framing, no referrer, its own features', () => {
    for (const page of BROWSER_PAGES) {
      const policy = resourceNamed(stateful, 'AWS::CloudFront::ResponseHeadersPolicy', `PageHostingHeaders${page}`).Properties[
        'ResponseHeadersPolicyConfig'
      ] as { SecurityHeadersConfig: Properties; CustomHeadersConfig: Properties };
      const security = policy.SecurityHeadersConfig;
      expect(render((security['ContentSecurityPolicy'] as Properties)['ContentSecurityPolicy'])).toBe(
        [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data: blob: https://*.s3.<AWS::Region>.<AWS::URLSuffix>",
          "connect-src 'self' wss://*.execute-api.<AWS::Region>.<AWS::URLSuffix> https://*.execute-api.<AWS::Region>.<AWS::URLSuffix> " +
            'https://*.s3.<AWS::Region>.<AWS::URLSuffix>',
          "base-uri 'none'",
          "form-action 'none'",
          "frame-ancestors 'none'",
        ].join('; '),
      );
      expect(security).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      });
      expect(policy.CustomHeadersConfig).toEqual({
        Items: [{ Header: 'Permissions-Policy', Value: permissionsPolicy(page), Override: true }],
      });
    }
  });
});

describe("the pages' files", () => {
  it("are uploaded for every page under <page>/ with its config.json naming this deployment's WebSocket, never cached unchecked", () => {
    const uploads = Object.values(resourcesOf(stateless, 'Custom::CDKBucketDeployment')).map(({ Properties: upload }) => upload);
    expect(uploads.map((upload) => upload['DestinationBucketKeyPrefix'])).toEqual(BROWSER_PAGES.map((page) => `${page}/`));
    const api = idOf(doorbell.stateless.webSocket.api);
    for (const [index, page] of BROWSER_PAGES.entries()) {
      const upload = uploads[index]!;
      expect(render(upload['DestinationBucketName'], stateful)).toBe(`<${pagesBucket}>`);
      expect(render(upload['DistributionId'], stateful)).toBe(`<${distribution}>`);
      expect(upload).toMatchObject({
        Prune: true,
        SystemMetadata: { 'cache-control': 'no-cache' },
        DistributionPaths: [`/${page}`, `/${page}/*`],
      });
      // Three sources: the page's built files; config.json, whose markers are filled in with the API's URL when deploying;
      // and the page again with its exact policy, naming the API and the photo bucket.
      expect(upload['SourceObjectKeys']).toHaveLength(3);
      const markers = (upload['SourceMarkers'] as Properties[]).map((set) => Object.values(set).map((value) => render(value, stateful)));
      expect(markers[1]).toEqual([`<${api}>`, '<AWS::Region>', '<AWS::URLSuffix>']);
      expect([...new Set(markers[2])].sort()).toEqual(
        [`<${api}>`, '<AWS::Region>', '<AWS::URLSuffix>', `<${idOf(doorbell.stateful.photos)}.RegionalDomainName>`].sort(),
      );
    }
  });

  it("carry a <meta> policy narrowing the header's to the one API and the one photo bucket", () => {
    const html = withReachPolicy(readFileSync(join(pageFolder('dashboard'), 'index.html'), 'utf8'), {
      api: 'abc123.execute-api.eu-west-1.amazonaws.com',
      photos: 'photos-x.s3.eu-west-1.amazonaws.com',
    });
    const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)" \/>/.exec(html);
    expect(meta?.[1]).toBe(
      "connect-src 'self' wss://abc123.execute-api.eu-west-1.amazonaws.com https://abc123.execute-api.eu-west-1.amazonaws.com " +
        "https://photos-x.s3.eu-west-1.amazonaws.com; img-src 'self' data: blob: https://photos-x.s3.eu-west-1.amazonaws.com",
    );
    expect(() => withReachPolicy('<p>no head</p>', { api: 'a', photos: 'b' })).toThrow('<head>');
  });

  it('are the files the local doorbell serves, written out under their served names', () => {
    const folder = mkdtempSync(join(tmpdir(), 'doorbell-page-'));
    try {
      writePageFiles('dashboard', folder);
      expect(readdirSync(folder).sort()).toEqual(expect.arrayContaining(['app.css', 'app.js', 'index.html']));
      expect(readFileSync(join(folder, 'index.html'), 'utf8')).toContain('<script type="module" src="app.js"></script>');
      expect(readFileSync(join(folder, 'app.js'), 'utf8')).toContain('config.json');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('output each page’s HTTPS address, named after the page (DashboardUrl)', () => {
    const outputs = stateless.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    for (const page of BROWSER_PAGES) expect(render(outputs[pageUrlOutput(page)]!.Value, stateful)).toBe(`${origin}/${page}/`);
    expect(outputs['DashboardUrl']).toBeDefined();
  });
});

describe("the hosted pages' origin", () => {
  it('may PUT photos to the photo bucket with the headers an upload link signs (CORS), and nothing else', async () => {
    const cors = resourcesOf(stateful, 'AWS::S3::Bucket')[idOf(doorbell.stateful.photos)]!.Properties['CorsConfiguration'] as {
      CorsRules: Properties[];
    };
    expect(cors.CorsRules).toHaveLength(1);
    const rule = cors.CorsRules[0]!;
    expect((rule['AllowedOrigins'] as unknown[]).map((value) => render(value))).toEqual([origin]);
    expect(rule['AllowedMethods']).toEqual(['PUT']);
    // Prepare: a real upload link, presigned offline as on-doorbell-message does.
    const store = new S3PhotoStore({
      client: photoS3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }),
      bucket: 'photos',
      clock: { now: () => Date.UTC(2026, 11, 2) } as S3PhotoStoreOptions['clock'],
    });
    const link = await store.uploadUrl('rings/home/front/1-r.jpg', { expiresIn: seconds(60), contentLength: 1234 });
    expect(rule['AllowedHeaders']).toEqual(expect.arrayContaining(Object.keys(link.headers)));
  });

  it("is what the header's policy allows for S3: presigned links name the bucket on the region's own S3 host, us-east-1 too", async () => {
    for (const region of ['us-east-1', 'eu-west-1']) {
      const store = new S3PhotoStore({
        client: photoS3Client({ region, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } }),
        bucket: 'doorbellstateful-photos-1a2b3c',
        clock: { now: () => Date.UTC(2026, 11, 2) } as S3PhotoStoreOptions['clock'],
      });
      const link = await store.uploadUrl('rings/home/front/1-r.jpg', { expiresIn: seconds(60), contentLength: 1 });
      expect(new URL(link.url).host).toBe(`doorbellstateful-photos-1a2b3c.s3.${region}.amazonaws.com`);
    }
  });

  it("is the one browser origin the authorizer allows by default, and the photo bucket's region is the CSP's", () => {
    const authorizer = resourcesOf(stateless, 'AWS::Lambda::Function')[idOf(doorbell.stateless.functions.authorizer)]!.Properties;
    expect(render((authorizer['Environment'] as { Variables: Properties }).Variables['ALLOWED_ORIGINS'], stateful)).toBe(origin);
  });
});
