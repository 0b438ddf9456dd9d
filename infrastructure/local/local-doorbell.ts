import type { Container } from 'inversify';
import { randomBytes } from 'node:crypto';
import { InMemoryPhotoStore } from '../../adapters/in-memory/in-memory-photo-store';
import { FolderBytes } from '../../adapters/local-files/folder-bytes';
import { ApiGatewayDeviceNotifier } from '../../adapters/api-gateway/api-gateway-device-notifier';
import { createManagementApiClient } from '../../adapters/api-gateway/management-api-client';
import { makeAuthorizerHandler } from '../../adapters/lambda/authorizer-handler';
import { allowedOrigins } from '../../adapters/lambda/browser-origins';
import { makeConnectHandler } from '../../adapters/lambda/connect-handler';
import { makeDisconnectHandler } from '../../adapters/lambda/disconnect-handler';
import type { HandlerTelemetry } from '../../adapters/lambda/telemetry';
import { LocalWebSocketGateway } from '../../adapters/local-gateway/local-websocket-gateway';
import type { MessageEvent } from '../../adapters/local-gateway/gateway-events';
import type { TlsCredentials } from '../../adapters/local-gateway/gateway-options';
import { ADMIN_PATH, adminApi } from '../../adapters/local-http/admin-api';
import { DASHBOARD_PATH, isPagePath, pageRoutes } from '../../adapters/local-http/page-routes';
import { localHttpRoutes } from '../../adapters/local-http/local-http-routes';
import { PHOTOS_PATH, photoRoutes } from '../../adapters/local-http/photo-routes';
import { DEFAULT_VAPID_SUBJECT } from '../../adapters/web-push/vapid-subject';
import { WebPushSender, type WebPushSenderOptions } from '../../adapters/web-push/web-push-sender';
import type { RingSettings } from '../../application/settings';
import { MAX_PHOTO_BYTES } from '../../domain/face';
import { householdId as toHouseholdId } from '../../domain/ids';
import type { Clock } from '../../domain/ports/clock';
import { dynamoDbModule } from '../di/aws/dynamodb.module';
import { anyDeviceMessages, doorbellMessages, residentMessages } from '../lambdas/message-handlers';
import { MESSAGE_ROUTES, type MessageFunctionName } from '../lambdas/message-routes';
import { DYNAMODB_TABLES, type Table } from '../di/aws/dynamodb-tables';
import { IN_MEMORY, type InMemoryOptions } from '../di/in-memory.module';
import { TOKENS } from '../di/tokens';
import { consoleTelemetry } from './console-telemetry';
import { containerRingWorkflow } from './container-ring-workflow';
import { BROWSER_PAGES, pageAssets } from './page-bundle';
import { inMemoryContainer } from './in-memory-container';
import { LOCAL_TABLES, localDynamoDbClient, openLocalData, type LocalData } from './local-data';
import { loadLocalRecognizer, type RecognizerChoice } from './local-recognizer';
import { isWildcardHost, lanAddresses, linkHosts, originOf } from './network-addresses';
import { objectCreatedEvent } from './object-created-event';
import { certificateNames } from './tls-credentials';
import { join } from 'node:path';
import { LocalWebhookQueue } from '../../adapters/local-files/local-webhook-queue';
import type { NodeHttpWebhookSenderOptions } from '../../adapters/webhooks/node-http-webhook-sender';
import { runWebhookWork } from './webhook-worker';
import { startPhotoLifecycle } from './photo-lifecycle';
import { startLocalTimeToLive } from './local-time-to-live';
import type { Duration } from '../../domain/time';

export interface LocalDoorbellOptions {
  /** 0: a free port. */
  readonly port: number;
  /** The address to listen on (default 127.0.0.1); `0.0.0.0` (or `::`) listens on every interface. */
  readonly host?: string;
  /** Serve HTTPS and WSS with this certificate and key (see `readTlsCredentials`); default plain HTTP and WS. */
  readonly tls?: TlsCredentials;
  readonly householdId?: string;
  readonly telemetry?: HandlerTelemetry;
  readonly settings?: Partial<RingSettings>;
  readonly clock?: Clock;
  /** Live connections one device may hold; default MAX_CONNECTIONS_PER_DEVICE (a benchmark lifts it). */
  readonly maxConnectionsPerDevice?: number;
  /** Shorter than API Gateway's, for tests. */
  readonly idleTimeoutMs?: number;
  /**
   * Browser pages of these origins (`https://door.example.com`) may connect too; the doorbell's own pages always
   * may, and clients that send no Origin (the CLI, devices) are not concerned.
   */
  readonly allowedOrigins?: readonly string[];
  /** Keep data across restarts in this folder (DynamoDB tables on dynalite, photos, faces); default: in memory. */
  readonly dataDir?: string;
  /** Default `manifest` (deterministic, for tests and the demo); `doorbell start` chooses `model`. */
  readonly recognizer?: RecognizerChoice;
  /** How webhooks are sent (tests: a shorter timeout, their own certificate authority). */
  readonly webhookSender?: NodeHttpWebhookSenderOptions;
  /** The VAPID subject push services may contact (`mailto:` or `https:`); default DEFAULT_VAPID_SUBJECT. */
  readonly pushContact?: string;
  /** Tunes the Web Push sender (tests: shorter timeouts and backoff). */
  readonly pushSender?: Partial<Omit<WebPushSenderOptions, 'keys' | 'subject'>>;
  /** How often photos past their retention are deleted; default PHOTO_SWEEP_INTERVAL (hourly). */
  readonly photoSweepInterval?: Duration;
  /** How often expired items are deleted from the data folder's tables; default TIME_TO_LIVE_SWEEP_INTERVAL (hourly). */
  readonly timeToLiveSweepInterval?: Duration;
}

export interface RunningLocalDoorbell {
  /**
   * Where devices connect: `ws://127.0.0.1:PORT` (`wss://` with TLS). Listening on every interface, links name the
   * machine's first network address, so a phone on the network can follow them.
   */
  readonly webSocketUrl: string;
  /** The same port over HTTP(S): photo links, the operator API. */
  readonly httpUrl: string;
  /** Listening on every interface: the same server at the machine's other network addresses (`https://10.0.0.7:8080`). */
  readonly otherUrls: readonly string[];
  /** The homeowner dashboard; add `#token=<resident token>` to open it already connected. */
  readonly dashboardUrl: string;
  /** The door page (a doorbell in a browser); add `#token=<doorbell token>` to open it already connected. */
  readonly doorUrl: string;
  /** The operator API's key (the CLI reads it from `.doorbell/admin-key`). */
  readonly adminKey: string;
  readonly householdId: string;
  readonly container: ReturnType<typeof inMemoryContainer>;
  readonly recognizer: { readonly choice: RecognizerChoice; readonly loadMs: number };
  /** Webhook work waiting or running (kept in `--data`'s webhook-queue.json across restarts). */
  readonly webhookQueue: LocalWebhookQueue;
  stop(): Promise<void>;
}

/**
 * Live connections one device may hold at once (a phone, a few dashboard tabs, reconnections whose old socket is
 * not yet noticed as gone): a leaked or stolen token cannot open thousands.
 */
export const MAX_CONNECTIONS_PER_DEVICE = 8;

/**
 * The whole doorbell on one machine, no AWS account: the local WebSocket gateway runs the same Lambda handlers
 * (authorizer, on-connect, on-disconnect, on-message), pushes go through the real management-API client to the
 * gateway's `@connections`, uploaded photos raise an "Object Created" event that runs the deployed workflow
 * definition locally (identify, announce, access codes, Web Push, the wait for an answer). Every driven port is in memory, or
 * with `dataDir` kept on disk: the DynamoDB adapters on dynalite (expired items deleted as TTL would), photos and
 * enrolled faces in files, signing secrets kept so tokens stay valid.
 */
export async function startLocalDoorbell(options: LocalDoorbellOptions): Promise<RunningLocalDoorbell> {
  const telemetry = options.telemetry ?? consoleTelemetry(false);
  const householdId = toHouseholdId(options.householdId ?? 'home');
  // Checked before anything starts: a bad origin is the caller's mistake, told at once.
  const configuredOrigins = allowedOrigins(options.allowedOrigins ?? []);
  const adminKey = randomBytes(24).toString('base64url');
  // Only this doorbell's own pushes may reach its devices: its @connections API accepts no other signature.
  const managementCredentials = {
    accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(32).toString('base64url'),
  };
  // The gateway's routes exist before the container: the container needs the port the gateway gets.
  let routes: Awaited<ReturnType<typeof wire>> | undefined;
  let stopping = false;
  const route = (key: 'authorizer' | 'connect' | 'disconnect') => (event: unknown) => routes![key](event);
  // The message routes as deployed: each action to the handler of its role's function, with only its use cases.
  const messageRoutes = Object.fromEntries(
    Object.entries(MESSAGE_ROUTES).map(([routeKey, name]) => [routeKey, (event: MessageEvent) => routes!.messages[name](event)]),
  );

  const gateway = new LocalWebSocketGateway({
    port: options.port,
    host: options.host ?? '127.0.0.1',
    ...(options.tls && { tls: options.tls }),
    identitySource: ['route.request.querystring.token'],
    // The authorizer's principal is the device.
    maxConnectionsPerPrincipal: options.maxConnectionsPerDevice ?? MAX_CONNECTIONS_PER_DEVICE,
    managementCredentials,
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
    logger: telemetry.logger,
    routes: {
      authorizer: route('authorizer'),
      $connect: route('connect'),
      $disconnect: route('disconnect'),
      ...messageRoutes,
    },
    httpRoutes: (request, response) => routes?.http(request, response) ?? false,
  });
  const [data, recognizer] = await Promise.all([
    options.dataDir === undefined ? undefined : openLocalData(options.dataDir),
    loadLocalRecognizer(options.recognizer ?? 'manifest'),
  ]);
  const address = await gateway.start().catch(async (error: unknown) => {
    // Nothing may outlive a start that failed (a port in use, an address not of this machine): the process must end.
    await recognizer.close();
    await data?.close();
    throw error;
  });
  const scheme = options.tls ? 'https' : 'http';
  const port = new URL(address.url).port || (options.tls ? '443' : '80');
  const bound = options.host ?? '127.0.0.1';
  const hosts = linkHosts(bound, isWildcardHost(bound) ? lanAddresses() : []);
  const httpUrl = originOf(scheme, hosts.primary, port);
  // Its own pages may connect from every address it answers at: the link hosts, this machine by name and loopback,
  // and every name the certificate is valid for (what a browser can open without a warning).
  const ownHosts = [hosts.primary, ...hosts.others, '127.0.0.1', 'localhost', ...(options.tls ? certificateNames(options.tls.cert) : [])];
  const ownOrigins = allowedOrigins(ownHosts.map((host) => originOf(scheme, host, port)));
  const browserOrigins = new Set([...ownOrigins, ...configuredOrigins]);
  // Webhooks run in this process, off the ring: the workflow and the keypad only queue them.
  const webhookQueue = new LocalWebhookQueue({
    ...(options.dataDir === undefined ? {} : { file: join(options.dataDir, 'webhook-queue.json') }),
    ...(options.clock ? { now: () => options.clock!.now() } : {}),
    onCrash: (work, error) => telemetry.logger.error('webhook work failed; retrying later', { kind: work.kind, error: String(error) }),
  });
  routes = await wire();
  webhookQueue.start((work) => runWebhookWork(routes!.container, work, telemetry));
  // Photos expire as the deployed bucket's lifecycle rule expires them, by the retention rings are kept for.
  const photoLifecycle = startPhotoLifecycle({
    photos: routes.container.get(IN_MEMORY.PhotoStore),
    retentionDays: routes.container.get(TOKENS.RingSettings).retentionDays,
    logger: telemetry.logger,
    ...(options.photoSweepInterval === undefined ? {} : { interval: options.photoSweepInterval }),
  });
  // Expired items leave the data folder's tables as DynamoDB's TTL deletes them (in memory they go with the process).
  const timeToLive =
    data &&
    startLocalTimeToLive({
      client: localDynamoDbClient(data.dynamoDbEndpoint),
      tables: Object.values(LOCAL_TABLES),
      clock: routes.container.get(TOKENS.Clock),
      logger: telemetry.logger,
      ...(options.timeToLiveSweepInterval === undefined ? {} : { interval: options.timeToLiveSweepInterval }),
    });

  async function wire() {
    const managementClient = createManagementApiClient({
      endpoint: address.managementEndpoint,
      region: 'local',
      credentials: managementCredentials,
    });
    const photoBaseUrl = `${httpUrl}${PHOTOS_PATH}`;
    // What the local doorbell uses instead of the in-memory twins, chosen up front: the data folder's tables and
    // photos (when there is one), the chosen recognizer, and the gateway's management API to reach devices.
    const container = inMemoryContainer({
      photoBaseUrl,
      ...(data ? { tokenSecret: data.tokenSecret, vapidKeys: data.vapidKeys, ...dataFolderBindings(data, photoBaseUrl) } : {}),
      // Web Push to real push services (the browsers' own, or one on loopback in tests), signed with the VAPID keys
      // kept in the data folder (or made at start, without one).
      pushSender: (keys, settings) =>
        new WebPushSender({
          keys,
          subject: options.pushContact ?? DEFAULT_VAPID_SUBJECT,
          maxSockets: settings.pushConcurrency,
          ...options.pushSender,
        }),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      faceRecognizer: (ids) => recognizer.create(ids, data),
      deviceNotifier: new ApiGatewayDeviceNotifier({ client: managementClient }),
      webhookQueue,
      ...(options.webhookSender ? { webhookSender: options.webhookSender } : {}),
    });
    const get = container.get.bind(container);
    const workflow = containerRingWorkflow(container, { telemetry });
    let events = 0;
    const photos = photoRoutes({
      photos: get(IN_MEMORY.PhotoStore),
      baseUrl: httpUrl,
      maxBytes: MAX_PHOTO_BYTES,
      onObjectCreated: (key, size) => {
        const eventId = `local-${++events}`;
        const event = objectCreatedEvent({ bucket: 'doorbell-photos', key, size, at: new Date(), eventId });
        workflow.run(event, eventId).catch((error: unknown) => {
          if (!stopping) telemetry.logger.error('ring workflow failed', { key, error: String(error) });
        });
      },
    });
    const admin = adminApi({
      householdId,
      adminKey,
      useCases: {
        issueDeviceToken: get(TOKENS.IssueDeviceToken),
        enroll: get(TOKENS.Enroll),
        forget: get(TOKENS.Forget),
        listVisitors: get(TOKENS.ListVisitors),
        ringHistory: get(TOKENS.RingHistory),
        addWebhook: get(TOKENS.AddWebhook),
        listWebhooks: get(TOKENS.ListWebhooks),
        removeWebhook: get(TOKENS.RemoveWebhook),
        enableWebhook: get(TOKENS.EnableWebhook),
      },
    });
    const pageSources = Object.fromEntries(BROWSER_PAGES.map((page) => [page, () => pageAssets(page)]));
    const pages = pageRoutes(pageSources, { secure: options.tls !== undefined });
    const http = localHttpRoutes(
      [
        { owns: (path) => path.startsWith(PHOTOS_PATH), handle: photos },
        { owns: (path) => path.startsWith(ADMIN_PATH), handle: admin },
        { owns: (path) => isPagePath(pageSources, path), handle: pages },
      ],
      (path, error) => telemetry.logger.error('HTTP request failed', { path, error: String(error) }),
    );
    return {
      container,
      http,
      authorizer: makeAuthorizerHandler({
        authorize: get(TOKENS.AuthorizeConnection),
        telemetry,
        allowedOrigins: browserOrigins,
      }),
      connect: makeConnectHandler({ connect: get(TOKENS.Connect), telemetry }),
      disconnect: makeDisconnectHandler({ disconnect: get(TOKENS.Disconnect), telemetry }),
      messages: messageHandlers(container, telemetry),
      workflow,
    };
  }

  return {
    webSocketUrl: httpUrl.replace(/^http/, 'ws'),
    httpUrl,
    otherUrls: hosts.others.map((host) => originOf(scheme, host, port)),
    dashboardUrl: `${httpUrl}${DASHBOARD_PATH}`,
    doorUrl: `${httpUrl}/door/`,
    adminKey,
    householdId,
    container: routes.container,
    recognizer: { choice: recognizer.choice, loadMs: recognizer.loadMs },
    webhookQueue,
    stop: async () => {
      // Runs still waiting for an answer end with the doorbell (an answer could no longer reach them).
      stopping = true;
      photoLifecycle.stop();
      await timeToLive?.stop();
      routes?.workflow.stopAll();
      await webhookQueue.stop();
      await gateway.stop();
      await recognizer.close();
      await data?.close();
    },
  };
}

/** One handler per message function, wired as each Lambda root wires its own. */
function messageHandlers(
  container: Container,
  telemetry: HandlerTelemetry,
): Record<MessageFunctionName, (event: unknown) => Promise<unknown>> {
  return {
    'on-message': anyDeviceMessages(container, telemetry),
    'on-resident-message': residentMessages(container, telemetry),
    'on-doorbell-message': doorbellMessages(container, telemetry),
  };
}

/** The stores that keep their data in the data folder (the recognizer keeps its own). */
function dataFolderBindings(data: LocalData, photoBaseUrl: string): Pick<InMemoryOptions, 'repositories' | 'photoStore'> {
  const tables = Object.keys(LOCAL_TABLES) as Table[];
  const environment = Object.fromEntries([
    ['DYNAMODB_ENDPOINT', data.dynamoDbEndpoint],
    ...tables.map((table) => [DYNAMODB_TABLES[table].variable, LOCAL_TABLES[table].name]),
  ]);
  return {
    repositories: dynamoDbModule(
      environment,
      tables.map((table) => DYNAMODB_TABLES[table]),
      { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    ),
    photoStore: (clock) => new InMemoryPhotoStore(clock, photoBaseUrl, data.photoLinkSecret, new FolderBytes(data.photoFolder)),
  };
}
