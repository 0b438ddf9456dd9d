import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { VapidKeyPair, VapidKeyStore } from '../../domain/ports/vapid-key-store';
import { parseVapidKeyPair } from '../web-push/vapid-keys';

/**
 * The one idempotency token of the first generation. PutSecretValue with a token already used for another value
 * fails, so when two cold starts generate at once, exactly one pair is stored and the other writer reads it back:
 * a conditional write, which Secrets Manager otherwise lacks.
 */
export const FIRST_GENERATION_TOKEN = 'doorbell-vapid-keys-first-generation-0001';

export class VapidKeysMissingError extends Error {
  constructor(secretArn: string) {
    super(`the VAPID keys in ${secretArn} have not been made yet (the first resident to turn on notifications makes them)`);
    this.name = 'VapidKeysMissingError';
  }
}

/**
 * VAPID keys kept in a Secrets Manager secret as JSON `{ publicKey, privateKey }`. The stack creates the secret with
 * a placeholder (Secrets Manager generates random strings, not P-256 keys); with `generate`, the first use that
 * finds no pair makes one and stores it (see FIRST_GENERATION_TOKEN); without, it fails with VapidKeysMissingError.
 * Read once per process.
 */
export class SecretsManagerVapidKeyStore implements VapidKeyStore {
  private pair: Promise<VapidKeyPair> | undefined;

  constructor(
    private readonly options: {
      readonly client: SecretsManagerClient;
      readonly secretArn: string;
      /** Makes a pair when the secret holds none; absent: read only. */
      readonly generate?: () => VapidKeyPair;
    },
  ) {}

  keyPair(): Promise<VapidKeyPair> {
    this.pair ??= this.load().catch((error: unknown) => {
      this.pair = undefined;
      throw error;
    });
    return this.pair;
  }

  private async load(): Promise<VapidKeyPair> {
    const stored = await this.read();
    if (stored) return stored;
    const { generate, client, secretArn } = this.options;
    if (!generate) throw new VapidKeysMissingError(secretArn);
    const fresh = generate();
    try {
      await client.send(
        new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify(fresh), ClientRequestToken: FIRST_GENERATION_TOKEN }),
      );
      return fresh;
    } catch (error) {
      // Another cold start stored its pair first: that one is the deployment's.
      const theirs = await this.read();
      if (theirs) return theirs;
      throw error;
    }
  }

  private async read(): Promise<VapidKeyPair | undefined> {
    const { SecretString } = await this.options.client.send(new GetSecretValueCommand({ SecretId: this.options.secretArn }));
    if (SecretString === undefined) return undefined;
    try {
      return parseVapidKeyPair(JSON.parse(SecretString));
    } catch {
      return undefined;
    }
  }
}
