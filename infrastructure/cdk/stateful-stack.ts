import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Table as TableKey } from '../di/aws/dynamodb-tables';
import { DeviceTokenSecret } from './constructs/device-token-secret';
import { DoorbellTables } from './constructs/doorbell-tables';
import { faceDescriptorsTable } from './constructs/face-descriptors-table';
import { PageHosting } from './constructs/page-hosting';
import { PhotoBucket } from './constructs/photo-bucket';

export interface StatefulStackProps extends StackProps {
  /** Days a ring and its photo are kept. */
  readonly retentionDays: number;
  /** Declare the face model's descriptors table (`-c doorbell:recognizer=model`). */
  readonly faceDescriptors?: boolean;
  /** The browser pages the distribution serves (`BROWSER_PAGES`); `/` leads to the first. */
  readonly pages: readonly string[];
  /** Web origins besides the hosted pages' whose pages may upload ring photos with presigned links (see PhotoBucket). */
  readonly uploadOrigins?: readonly string[];
}

/**
 * What holds the household's data, deployed apart from the code so that redeploying or even deleting the
 * stateless stack never touches it: the tables, the photo bucket (with its access logs), the device-token key, and
 * the pages' origin (the bucket and distribution the pages are served from; see PageHosting for why it is here).
 */
export class StatefulStack extends Stack {
  readonly tables: { readonly [K in TableKey]: Table };
  readonly photos: Bucket;
  readonly deviceTokenSecret: Secret;
  /** The face model's descriptors, when the deployment recognizes faces with it. */
  readonly faceDescriptors?: Table;
  /** The constructs behind them, which grant a function what it may do with their resources. */
  readonly grants: { readonly tables: DoorbellTables; readonly photos: PhotoBucket; readonly deviceTokenSecret: DeviceTokenSecret };
  /** Where the browser pages are served from, over HTTPS. */
  readonly pageHosting: PageHosting;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    // Termination protection: the code stack reads this one's outputs when it deploys (plain references, no
    // exports), so nothing else stops this stack from being deleted first, or by mistake, under a running doorbell.
    super(scope, id, {
      description: "Doorbell: data (tables, ring photos, device-token key, the pages' origin)",
      terminationProtection: true,
      ...props,
    });
    this.grants = {
      tables: new DoorbellTables(this, 'Tables'),
      photos: new PhotoBucket(this, 'PhotoBucket', { retentionDays: props.retentionDays }),
      deviceTokenSecret: new DeviceTokenSecret(this, 'DeviceTokenSecret'),
    };
    this.pageHosting = new PageHosting(this, 'PageHosting', { pages: props.pages, logRetentionDays: props.retentionDays });
    // The door page uploads the visitor's photo from the browser, with the presigned PUT its doorbell device was given.
    for (const origin of [this.pageHosting.origin, ...(props.uploadOrigins ?? [])]) this.grants.photos.allowBrowserUploadsFrom(origin);
    this.tables = this.grants.tables.tables;
    this.photos = this.grants.photos.bucket;
    this.deviceTokenSecret = this.grants.deviceTokenSecret.secret;
    if (props.faceDescriptors) this.faceDescriptors = faceDescriptorsTable(this, 'FaceDescriptors');
  }
}
