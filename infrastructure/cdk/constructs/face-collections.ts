import { ArnFormat, Stack } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { checkCollectionPrefix } from '../../../adapters/rekognition/collection-id';
import { acknowledgeWildcardResource } from '../acknowledge';
import type { DoorbellFunction } from './doorbell-function';

/**
 * The deployment's Rekognition collections, one per household (`${prefix}${household}`), created on first enrolment
 * by the adapter, not by CloudFormation: this construct deploys nothing and only says who may do what with them.
 */
export class FaceCollections extends Construct {
  /** Collections of this deployment are `${prefix}${household}`. */
  readonly prefix: string;
  /** Every collection of this deployment (the household is the `*`). */
  readonly arn: string;

  constructor(scope: Construct, id: string, prefix: string) {
    super(scope, id);
    this.prefix = checkCollectionPrefix(prefix);
    this.arn = Stack.of(this).formatArn({
      service: 'rekognition',
      resource: 'collection',
      resourceName: `${this.prefix}*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** Enrol and forget faces: index them (creating the household's collection on its first enrolment), list and delete them. */
  grantEnrolAndForget(fn: DoorbellFunction): void {
    this.allow(fn, ['rekognition:CreateCollection', 'rekognition:IndexFaces', 'rekognition:ListFaces', 'rekognition:DeleteFaces']);
  }

  /**
   * The two calls of a scan: DetectFaces, in a policy of its own acknowledged there only (a wildcard added to the role
   * later is still reported rather than hiding behind this acknowledgement), and SearchFacesByImage on the collections.
   */
  grantScan(fn: DoorbellFunction): void {
    const detectFaces = new Policy(Stack.of(fn), `${fn.node.id}DetectFaces`, {
      statements: [new PolicyStatement({ actions: ['rekognition:DetectFaces'], resources: ['*'] })],
    });
    detectFaces.attachToRole(fn.executionRole);
    acknowledgeWildcardResource(
      detectFaces,
      '*',
      'Rekognition DetectFaces takes the image bytes and touches no collection, so it supports no resource-level permission at all.',
    );
    this.allow(fn, ['rekognition:SearchFacesByImage']);
  }

  private allow(fn: DoorbellFunction, actions: string[]): void {
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.arn] }));
    acknowledgeWildcardResource(
      fn.executionRole,
      this.arn,
      'One Rekognition collection per household, created on first enrolment; the grant covers only the collections ' +
        'named with this deployment prefix.',
    );
  }
}
