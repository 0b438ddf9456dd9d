import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { contentSecurityPolicy, permissionsPolicy } from '../../../adapters/local-http/page-routes';
import { acknowledge } from '../acknowledge';

export interface PageHostingProps {
  /** The browser pages, each served at `/<page>/`; `/` leads to the first. */
  readonly pages: readonly string[];
  /** Days the request logs are kept (they name the household's phones' addresses). */
  readonly logRetentionDays: number;
}

/** HSTS: two years, the usual preload-list minimum; the CloudFront domain has no subdomains of ours. */
export const HSTS_MAX_AGE = Duration.days(730);

/**
 * The browser pages over HTTPS: a private bucket that only this distribution may read (Origin Access Control), a
 * CloudFront distribution that redirects HTTP to HTTPS and answers every file with strict security headers, and a
 * log bucket for both. The files themselves are uploaded by the code stack (`PageDeployment`), with each page's
 * `config.json`.
 *
 * It lives with the data: the distribution's domain is the pages' origin, and a browser keys what a page keeps (the
 * device token in `localStorage`, an installed app, a push subscription) by origin. Redeploying or deleting the
 * code must never move it; and the photo bucket's CORS and the authorizer's allow-list name it.
 */
export class PageHosting extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: PageHostingProps) {
    super(scope, id);
    const [home] = props.pages;
    if (home === undefined) throw new Error('PageHosting: no page to host');
    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    // CloudFront's standard logs are delivered with an ACL grant, so this bucket keeps ACLs (owner preferred).
    this.logs = new Bucket(this, 'Logs', {
      ...privateBucket,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-request-logs', expiration: Duration.days(props.logRetentionDays) }],
    });
    acknowledge(
      this.logs,
      'AwsSolutions-S1',
      'This bucket is itself the log destination of the pages bucket and of the distribution; logging it too would only log the log delivery.',
    );

    this.bucket = new Bucket(this, 'Pages', {
      ...privateBucket,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // (The cast only bridges aws-cdk-lib's optional properties and exactOptionalPropertyTypes.)
      serverAccessLogsBucket: this.logs as IBucket,
      serverAccessLogsPrefix: 'pages/',
    });

    const stack = Stack.of(this);
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket as IBucket);
    const indexes = new CloudFrontFunction(this, 'PageIndex', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Sends / and /<page> to /<page>/, and serves index.html for /<page>/',
      code: FunctionCode.fromInline(pageIndexFunction(props.pages)),
    });
    const policies = new Map(props.pages.map((page) => [page, this.headersPolicy(page, stack)]));
    const behavior = (page: string): BehaviorOptions => ({
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      // Honours the files' own `Cache-Control: no-cache` (set at upload): browsers revalidate every file.
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
      responseHeadersPolicy: policies.get(page)!,
      functionAssociations: [{ function: indexes, eventType: FunctionEventType.VIEWER_REQUEST }],
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: the browser pages`,
      defaultBehavior: behavior(home),
      additionalBehaviors: Object.fromEntries(props.pages.map((page) => [`/${page}/*`, behavior(page)])),
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs as IBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'The pages are served on the distribution’s own cloudfront.net name, whose default certificate CloudFront fixes at its ' +
        'TLSv1 policy; a TLSv1.2 minimum takes a custom domain and its certificate, which a household deployment does not require.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'A household’s phones travel with them: refusing countries would lock residents out abroad, and every page still needs a device token.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'The distribution serves a few static files, read only (GET and HEAD); nothing behind it takes input, so a web ' +
        'application firewall (priced per month and per rule) would have nothing to filter.',
    );
  }

  /** `https://d….cloudfront.net`: the pages' origin (what the WebSocket handshake's `Origin` says). */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** `https://d….cloudfront.net/<page>/`. */
  pageUrl(page: string): string {
    return `${this.origin}/${page}/`;
  }

  /**
   * The page's security headers. Scripts and styles come from the pages' own origin only; the page may reach this
   * region's API Gateway (the WebSocket and its reachability check) and S3 (presigned snapshot and upload links).
   * Neither can be named exactly here: the API is created after the pages' origin, in the code stack, and the photo
   * bucket's CORS names this origin, so naming the bucket would be a dependency cycle.
   */
  private headersPolicy(page: string, stack: Stack): ResponseHeadersPolicy {
    const regional = (service: string) => `${service}.${stack.region}.${stack.urlSuffix}`;
    return new ResponseHeadersPolicy(this, `Headers-${page}`, {
      comment: `${stack.stackName}: security headers of the ${page} page`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: contentSecurityPolicy({
            connect: [`wss://*.${regional('execute-api')}`, `https://*.${regional('execute-api')}`, `https://*.${regional('s3')}`],
            images: [`https://*.${regional('s3')}`],
          }),
        },
        strictTransportSecurity: { override: true, accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.NO_REFERRER },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: permissionsPolicy(page), override: true }] },
    });
  }
}

/**
 * The viewer-request function (CloudFront Functions, JavaScript 2.0): `/` and `/<page>` redirect to `/<page>/`, as
 * the local doorbell does, and a path ending in `/` reads that folder's `index.html` (S3 has no folder index).
 */
export function pageIndexFunction(pages: readonly string[]): string {
  return `var PAGES = ${JSON.stringify(pages)};
function redirect(location) {
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: location } } };
}
function handler(event) {
  var request = event.request;
  if (request.uri === '/') return redirect('/' + PAGES[0] + '/');
  if (PAGES.indexOf(request.uri.slice(1)) !== -1) return redirect(request.uri + '/');
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`;
}
