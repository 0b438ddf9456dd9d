import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../acknowledge';
import type { DoorbellFunction } from './doorbell-function';

/**
 * Where the deployment's VAPID key pair (Web Push) is kept, as JSON `{ publicKey, privateKey }`. Secrets Manager
 * generates random strings, not P-256 keys, so the stack creates the secret with a placeholder and the first
 * resident who turns notifications on makes the pair (on-resident-message, through
 * adapters/secrets-manager/secrets-manager-vapid-key-store.ts, with one idempotency token so that two cold starts
 * racing store one pair). Chosen over a custom resource: no extra function, provider or deploy-time step, and
 * nothing to make until someone subscribes. Retained with the data: a new pair orphans every subscription.
 */
export class VapidKeysSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Doorbell: VAPID key pair for Web Push, made on first use',
      // Not a key pair: the placeholder the key store replaces on first use.
      generateSecretString: { secretStringTemplate: JSON.stringify({}), generateStringKey: 'placeholder', excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'Rotating the VAPID keys would orphan every browser subscription (they are bound to the public key): each ' +
        'resident would have to turn notifications on again, so rotation is a deliberate manual step.',
    );
  }

  /** Read the pair, and make it if the secret holds none yet (the first `pushKey` or `subscribePush`). */
  grantMakeVapidKeys(fn: DoorbellFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [this.secret.secretArn],
      }),
    );
  }

  /** Read the pair, to sign pushes. */
  grantSignPushes(fn: DoorbellFunction): void {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }));
  }
}
