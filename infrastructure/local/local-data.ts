import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  ACCESS_CODES_TABLE,
  ANSWERS_TABLE,
  WEBHOOKS_TABLE,
  CONNECTIONS_TABLE,
  createTableInput,
  DEVICES_TABLE,
  PUSH_SUBSCRIPTIONS_TABLE,
  RING_WINDOWS_TABLE,
  RINGS_TABLE,
  VISITORS_TABLE,
} from '../../adapters/dynamodb/table-definitions';
import { makePrivate, makePrivateFolder, writePrivateFile } from '../../adapters/local-files/private-files';
import { generateVapidKeyPair, parseVapidKeyPair } from '../../adapters/web-push/vapid-keys';
import type { VapidKeyPair } from '../../domain/ports/vapid-key-store';

/** dynalite ships no type declarations; this is the part of its API used here. */
type Dynalite = (options: { path: string; createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

export const LOCAL_TABLES = {
  connections: { name: 'doorbell-connections', definition: CONNECTIONS_TABLE },
  rings: { name: 'doorbell-rings', definition: RINGS_TABLE },
  ringWindows: { name: 'doorbell-ring-windows', definition: RING_WINDOWS_TABLE },
  visitors: { name: 'doorbell-visitors', definition: VISITORS_TABLE },
  devices: { name: 'doorbell-devices', definition: DEVICES_TABLE },
  accessCodes: { name: 'doorbell-access-codes', definition: ACCESS_CODES_TABLE },
  answers: { name: 'doorbell-answers', definition: ANSWERS_TABLE },
  webhooks: { name: 'doorbell-webhooks', definition: WEBHOOKS_TABLE },
  pushSubscriptions: { name: 'doorbell-push-subscriptions', definition: PUSH_SUBSCRIPTIONS_TABLE },
} as const;

export interface LocalData {
  /** A real DynamoDB API (dynalite) storing in `<dir>/dynamodb`, on a free loopback port. */
  readonly dynamoDbEndpoint: string;
  /** Photos, one file each. */
  readonly photoFolder: string;
  /** The manifest recognizer's enrolled faces. */
  readonly facesFile: string;
  /** The face model's descriptors, one file per household (biometric data: folder 0700, files 0600). */
  readonly faceDescriptorFolder: string;
  /** Kept so that device tokens and photo links stay valid across restarts. */
  readonly tokenSecret: string;
  readonly photoLinkSecret: Uint8Array;
  /** Web Push's VAPID keys: browsers' subscriptions are bound to the public key, so it is kept across restarts. */
  readonly vapidKeys: VapidKeyPair;
  close(): Promise<void>;
}

/**
 * The local doorbell's data folder (`npm start -- --data DIR`): the same DynamoDB tables as in AWS, served by
 * dynalite from disk, photos and enrolled faces in files, and the signing secrets and VAPID keys, created on first use. All of it
 * is private to the user: files 0600, folders 0700, kept so at open and close (dynalite writes its own files).
 * @throws when dynalite cannot listen or a table cannot be created (one that already exists is kept as it is).
 */
export async function openLocalData(dir: string): Promise<LocalData> {
  makePrivateFolder(dir);
  makePrivateFolder(join(dir, 'dynamodb'));
  makePrivate(dir);
  const secrets = readOrCreateSecrets(join(dir, 'secrets.json'));
  const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;
  const server = dynalite({ path: join(dir, 'dynamodb'), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoDbEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = localDynamoDbClient(dynamoDbEndpoint);
  for (const { name, definition } of Object.values(LOCAL_TABLES)) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, name)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    // dynalite turns a new table ACTIVE on a timer; requests before that are refused.
    while ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  client.destroy();
  return {
    dynamoDbEndpoint,
    photoFolder: join(dir, 'photos'),
    facesFile: join(dir, 'faces.json'),
    faceDescriptorFolder: join(dir, 'face-descriptors'),
    tokenSecret: secrets.token,
    photoLinkSecret: Buffer.from(secrets.photoLinks, 'base64'),
    vapidKeys: secrets.vapid,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      makePrivate(dir);
    },
  };
}

/** The SDK's client for the data folder's dynalite: any credentials do, and the region only has to be set. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

interface LocalSecrets {
  readonly token: string;
  readonly photoLinks: string;
  readonly vapid: VapidKeyPair;
}

/** The secrets, each made on first start; a folder from before Web Push gets its VAPID keys added. */
function readOrCreateSecrets(file: string): LocalSecrets {
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<keyof LocalSecrets, unknown>>) : undefined;
  const vapid = parseVapidKeyPair(stored?.vapid);
  if (stored && typeof stored.token === 'string' && typeof stored.photoLinks === 'string' && vapid) {
    return { token: stored.token, photoLinks: stored.photoLinks, vapid };
  }
  const secrets: LocalSecrets = {
    token: typeof stored?.token === 'string' ? stored.token : randomBytes(32).toString('base64url'),
    photoLinks: typeof stored?.photoLinks === 'string' ? stored.photoLinks : randomBytes(32).toString('base64'),
    vapid: vapid ?? generateVapidKeyPair(),
  };
  writePrivateFile(file, JSON.stringify(secrets));
  return secrets;
}
