import { readFileSync } from 'node:fs';
import { AssetHashType, DefaultStackSynthesizer, DockerImage } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from '../acknowledge';
import { PAGE_CONFIG_FILE, type PageConfig } from '../../../domain/page-config';
import { PAGE_INDEX_FILE, pageFolder, writePageFiles, type BrowserPage } from '../../local/page-bundle';

export interface PageDeploymentProps {
  readonly page: BrowserPage;
  /** The pages bucket (PageHosting's). */
  readonly bucket: IBucket;
  /** Its distribution, whose cached copies of the page are invalidated at every deployment. */
  readonly distribution: IDistribution;
  /** What the page reads from its `config.json`: this deployment's WebSocket URL. */
  readonly config: PageConfig;
  /**
   * The exact hosts the page may reach, known only in this stack: the API's (`abc.execute-api.…`) and the photo
   * bucket's (`bucket.s3.<region>.amazonaws.com`). Written into the page as a `<meta>` policy, which the browser
   * enforces on top of the distribution's header (whose policy can name only the region; see PageHosting).
   */
  readonly reach: { readonly api: string; readonly photos: string };
}

/**
 * One page's files uploaded under `<page>/` at every deployment: built at synthesis from the page's sources by the
 * very build the local doorbell serves (`writePageFiles`, esbuild, offline), plus its `config.json` with the
 * deployment's WebSocket URL (a deploy-time value, which `Source.jsonData` fills in). Files no longer built are
 * pruned; the page's paths are invalidated in CloudFront so the new files show at once.
 *
 * Every file is `Cache-Control: no-cache` (browsers revalidate with the ETag, a 304 when unchanged): the names
 * (`app.js`, `app.css`) carry no content hash, so a longer lifetime would serve a stale script with a new page.
 * Content types come from the file names (the upload's `aws s3 sync` maps .html, .css, .js, .json, .png, .svg,
 * .txt and .webmanifest as `pageAssets` does).
 */
export class PageDeployment extends Construct {
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: PageDeploymentProps) {
    super(scope, id);
    const { page } = props;
    const files = Source.asset(pageFolder(page), {
      // The bundle's own hash: a change in domain/ that the page imports is a new asset, one elsewhere is not.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: the local build below always succeeds or throws.
        image: DockerImage.fromRegistry('scratch'),
        local: {
          tryBundle: (outputDir) => {
            writePageFiles(page, outputDir);
            return true;
          },
        },
      },
    });
    this.deployment = new BucketDeployment(this, 'Files', {
      // The page itself again, after the built files (it replaces theirs), with the exact policy in its head.
      sources: [
        files,
        Source.jsonData(PAGE_CONFIG_FILE, props.config),
        Source.data(PAGE_INDEX_FILE, withReachPolicy(readFileSync(`${pageFolder(page)}${PAGE_INDEX_FILE}`, 'utf8'), props.reach)),
      ],
      destinationBucket: props.bucket,
      destinationKeyPrefix: `${page}/`,
      prune: true,
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: [`/${page}`, `/${page}/*`],
    });
    acknowledgeUploader(this.deployment, props.bucket);
  }
}

/**
 * The page's HTML with a `<meta http-equiv="Content-Security-Policy">` first in its head: `connect-src` and
 * `img-src` narrowed to the page's own origin, the one API (WebSocket and reachability check) and the one photo
 * bucket. Browsers enforce every policy a page has, so this narrows the header's without widening anything.
 * @throws Error when the page has no `<head>`.
 */
export function withReachPolicy(html: string, reach: { readonly api: string; readonly photos: string }): string {
  const policy = [
    `connect-src 'self' wss://${reach.api} https://${reach.api} https://${reach.photos}`,
    `img-src 'self' data: blob: https://${reach.photos}`,
  ].join('; ');
  const head = /<head>/i.exec(html);
  if (!head) throw new Error('the page has no <head> to put its policy in');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />${html.slice(at)}`;
}

/** The uploader function CDK shares between the stack's page deployments: its findings are acknowledged once. */
const acknowledged = new WeakSet<IConstruct>();

/**
 * CDK's uploader (a custom-resource function that unzips the files into the bucket) is CDK's own code and role:
 * what it is granted comes with BucketDeployment and cannot be narrowed from outside. It runs only while deploying.
 */
function acknowledgeUploader(deployment: BucketDeployment, bucket: IBucket): void {
  const role = deployment.handlerRole;
  const uploader = role.node.scope;
  if (!uploader || acknowledged.has(uploader)) return;
  acknowledged.add(uploader);
  acknowledge(
    uploader,
    'AwsSolutions-L1',
    'The uploader is CDK’s BucketDeployment function, whose Python runtime comes with aws-cdk-lib and moves with its updates; it runs only while deploying.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'CDK’s BucketDeployment gives its uploader the basic execution policy, which only lets it write its own logs to CloudWatch.',
  );
  const actions = (reason: string, ...names: string[]) => {
    for (const name of names) acknowledge(role, `AwsSolutions-IAM5[Action::${name}]`, reason);
  };
  actions(
    'CDK’s BucketDeployment grants these S3 action groups to read the deployment’s zipped assets and to sync the pages bucket, ' +
      'confined to the assets bucket and the one pages bucket.',
    's3:GetBucket*',
    's3:GetObject*',
    's3:List*',
  );
  actions(
    'The uploader prunes files no longer built and aborts failed uploads, in the one pages bucket only (CDK’s BucketDeployment grant).',
    's3:Abort*',
    's3:DeleteObject*',
  );
  const qualifier = DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
    'The deployment’s zipped files are CDK assets, named by their hash in the bootstrap assets bucket; the uploader reads them there.',
  );
  acknowledgeWildcardResource(
    role,
    bucket.arnForObjects('*'),
    'The uploader writes every file of the pages, and prunes the ones no longer built, in the one pages bucket, which holds nothing else.',
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'CDK’s BucketDeployment grants the CloudFront invalidation actions (create, get) on any distribution; it invalidates only the pages’ one.',
  );
}
