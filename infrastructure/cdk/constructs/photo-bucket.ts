import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type CfnBucket,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { PHOTO_KEY_PREFIX } from '../../../domain/photo-key';
import { acknowledge, acknowledgeWildcardResource } from '../acknowledge';
import type { DoorbellFunction } from './doorbell-function';

export interface PhotoBucketProps {
  /** Days a ring photo is kept (the ring row's TTL uses the same number). */
  readonly retentionDays: number;
}

/**
 * The private bucket of ring photos (`rings/{household}/{doorbell}/{pressedAt}-{ring}.jpg`), reached by devices only
 * through presigned links, and its server-access-log bucket.
 *
 * - Public access blocked, S3-managed encryption, TLS only, ACLs disabled.
 * - Photos expire `retentionDays` after upload (S3 acts at the next midnight UTC, see `domain/retention.ts`);
 *   incomplete multipart uploads are aborted after a day.
 * - Versioning stays off on purpose: every photo key is minted once by the server, so there is nothing to roll back,
 *   and noncurrent versions would keep a photo past the retention the household was promised.
 * - "Object Created" events go to EventBridge (the ring workflow's trigger), set natively on the bucket rather than
 *   through `eventBridgeEnabled`, which deploys a custom-resource Lambda (and its wildcard role) to do the same.
 * - Server access logs go to a log bucket; they name photo keys (household, doorbell, press time), so they expire
 *   with the photos.
 * - CORS lets browser pages (the door page) PUT through presigned links, from the origins the stack names
 *   (`allowBrowserUploadsFrom`); the link's signature is what authorizes an upload, CORS only lets a page make it.
 * - The `grant…` methods say what a function may do with the photos, always under `rings/` only.
 */
export class PhotoBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string, props: PhotoBucketProps) {
    super(scope, id);
    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(props.retentionDays) }],
    });
    acknowledge(
      this.accessLogs,
      'AwsSolutions-S1',
      'This bucket is itself the server access log destination of the photo bucket; logging it too would only log the log delivery.',
    );

    this.bucket = new Bucket(this, 'Photos', {
      ...privateBucket,
      // (The cast only bridges aws-cdk-lib's optional properties and exactOptionalPropertyTypes.)
      serverAccessLogsBucket: this.accessLogs as IBucket,
      serverAccessLogsPrefix: 'photos/',
      lifecycleRules: [
        { id: 'expire-ring-photos', prefix: PHOTO_KEY_PREFIX, expiration: Duration.days(props.retentionDays) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }

  /**
   * Lets browser pages of `origin` PUT a photo with a presigned upload link (CORS): with the headers the link signs
   * (`S3PhotoStore.uploadUrl`: content type, length, `If-None-Match`), and its ETag readable. Snapshots need no rule:
   * an `<img>` loads them without CORS.
   */
  allowBrowserUploadsFrom(origin: string): void {
    this.bucket.addCorsRule({
      allowedOrigins: [origin],
      allowedMethods: [HttpMethods.PUT],
      allowedHeaders: ['content-type', 'content-length', 'if-none-match'],
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
  }

  /**
   * Presigned PUT links for ring photos. Presigning signs with the function's own credentials, so a link can do only
   * what the function may.
   */
  grantIssueUploadLinks(fn: DoorbellFunction): void {
    this.allowOnPhotos(fn, ['s3:PutObject']);
  }

  /** Presigned GET links to ring photos (the snapshots residents see). */
  grantIssueSnapshotLinks(fn: DoorbellFunction): void {
    this.allowOnPhotos(fn, ['s3:GetObject']);
  }

  /**
   * Read a ring photo, a missing one read as missing: listing under rings/ is what makes S3 answer a missing photo 404
   * (the ring is announced as "someone is at the door") instead of 403 AccessDenied (an error, and an alarm).
   */
  grantReadRingPhotos(fn: DoorbellFunction): void {
    this.allowOnPhotos(fn, ['s3:GetObject']);
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${PHOTO_KEY_PREFIX}*`] } },
      }),
    );
  }

  private allowOnPhotos(fn: DoorbellFunction, actions: string[]): void {
    const photoObjects = this.bucket.arnForObjects(`${PHOTO_KEY_PREFIX}*`);
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [photoObjects] }));
    acknowledgeWildcardResource(
      fn.executionRole,
      photoObjects,
      'Photo keys are minted per ring at run time; the grant is confined to the rings/ prefix of the one photo bucket, ' +
        'the narrowest scope possible.',
    );
  }
}
