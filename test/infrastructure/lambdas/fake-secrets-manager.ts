import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback Secrets Manager speaking its JSON 1.1 protocol (`X-Amz-Target: secretsmanager.GetSecretValue`), enough
 * for the token-signer module to read its key through the real SDK, and PutSecretValue with Secrets Manager's
 * idempotency rule: a `ClientRequestToken` already used with another value is refused (ResourceExistsException).
 * Secrets are keyed by ARN; calls are counted.
 */
export async function startFakeSecretsManager() {
  const secrets = new Map<string, { readonly SecretString?: string; readonly SecretBinary?: Uint8Array }>();
  const calls: string[] = [];
  /** Versions by secret and ClientRequestToken: the value each token stored. */
  const versions = new Map<string, string>();
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
      response.end(JSON.stringify(body));
    };
    const operation = String(request.headers['x-amz-target'] ?? '').replace(/^secretsmanager\./, '');
    calls.push(operation);
    if (operation !== 'GetSecretValue' && operation !== 'PutSecretValue') {
      return reply(400, { __type: 'UnknownOperationException', message: operation });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      SecretId: string;
      SecretString?: string;
      ClientRequestToken?: string;
    };
    const { SecretId } = body;
    const secret = secrets.get(SecretId);
    if (!secret) return reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    if (operation === 'PutSecretValue') {
      const version = `${SecretId} ${body.ClientRequestToken ?? randomUUID()}`;
      const earlier = versions.get(version);
      if (earlier !== undefined && earlier !== body.SecretString) {
        return reply(400, { __type: 'ResourceExistsException', message: 'A resource with the ID you requested already exists.' });
      }
      versions.set(version, body.SecretString ?? '');
      secrets.set(SecretId, { SecretString: body.SecretString ?? '' });
      return reply(200, {
        ARN: SecretId,
        Name: SecretId.split(':').at(-1),
        VersionId: body.ClientRequestToken,
        VersionStages: ['AWSCURRENT'],
      });
    }
    reply(200, {
      ARN: SecretId,
      Name: SecretId.split(':').at(-1),
      VersionId: randomUUID(),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_764_072_000,
      ...(secret.SecretString === undefined ? {} : { SecretString: secret.SecretString }),
      ...(secret.SecretBinary === undefined ? {} : { SecretBinary: Buffer.from(secret.SecretBinary).toString('base64') }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Stores a secret under an ARN shaped like Secrets Manager's; returns the ARN. */
    put(name: string, value: { SecretString: string } | { SecretBinary: Uint8Array }): string {
      const arn = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}-${randomUUID().slice(0, 6)}`;
      secrets.set(arn, value);
      return arn;
    },
    calls,
    /** The secret's current value. */
    value: (arn: string) => secrets.get(arn)?.SecretString,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
