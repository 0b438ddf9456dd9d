import { Container, type ContainerModule } from 'inversify';
import type { AddedWebhook, DoorbellAdmin, IssuedToken, VisitorSummary, WebhookListing } from '../../adapters/cli/doorbell-admin';
import type { HouseholdId } from '../../domain/ids';
import { deviceId as toDeviceId } from '../../domain/ids';
import { CliError } from '../../adapters/cli/cli-error';
import { environmentFromOutputs, type StackOutputs } from '../cdk/stack-outputs';
import { devicesTable, dynamoDbModule, ringsTable, visitorsTable, webhooksTable, type TableBinding } from '../di/aws/dynamodb.module';
import { webhooksModule } from '../di/webhooks.module';
import { photosModule } from '../di/aws/photos.module';
import { rekognitionModule } from '../di/aws/rekognition.module';
import { tokenSignerModule } from '../di/aws/token-signer.module';
import { settingsModule } from '../di/settings.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { useCasesModule } from '../di/use-cases.module';

/** Endpoint overrides pass through, so the same code runs against local stand-ins in tests. */
const ENDPOINT_VARIABLES = ['DYNAMODB_ENDPOINT', 'S3_ENDPOINT', 'SECRETS_MANAGER_ENDPOINT', 'REKOGNITION_ENDPOINT'];

/**
 * Administers a deployed doorbell with the operator's own AWS credentials: the same use cases as the Lambdas,
 * wired from the stack's outputs. Each operation builds only the adapters it needs, so issuing a token does not
 * need Rekognition permissions.
 */
export class StackAdmin implements DoorbellAdmin {
  private readonly environment: Record<string, string>;

  constructor(
    outputs: StackOutputs,
    private readonly householdId: HouseholdId,
    processEnvironment: NodeJS.ProcessEnv = process.env,
  ) {
    const overrides = ENDPOINT_VARIABLES.flatMap((name) => (processEnvironment[name] ? [[name, processEnvironment[name]!]] : []));
    this.environment = { ...environmentFromOutputs(outputs), ...Object.fromEntries(overrides) };
    // The SDK reads the region from the process environment.
    processEnvironment['AWS_REGION'] ??= outputs.region;
  }

  /**
   * Registers the device (if new) and issues its token, as `doorbell token --stack` does.
   * @throws CliError with the reason when the use case refuses.
   */
  async issueToken(body: { role: 'resident' | 'doorbell'; name: string; door?: string; deviceId?: string }): Promise<IssuedToken> {
    const container = await this.container([devicesTable], await tokenSignerModule(this.environment));
    const result = await container.get(TOKENS.IssueDeviceToken).execute({
      householdId: this.householdId,
      role: body.role,
      name: body.name,
      ...(body.door === undefined ? {} : { door: body.door }),
      ...(body.deviceId === undefined ? {} : { deviceId: toDeviceId(body.deviceId) }),
    });
    if (result.kind === 'rejected') throw new CliError(result.reason);
    return { token: result.token, device: result.device, expiresAt: new Date(result.expiresAt).toISOString() };
  }

  async enroll(body: { name: string; trusted?: boolean; photos: string[] }): Promise<Record<string, unknown>> {
    const container = await this.container([visitorsTable], rekognitionModule(this.environment));
    const photos = body.photos.map((photo) => new Uint8Array(Buffer.from(photo, 'base64')));
    const result = await container.get(TOKENS.Enroll).execute({
      householdId: this.householdId,
      name: body.name,
      photos,
      ...(body.trusted === undefined ? {} : { trusted: body.trusted }),
    });
    return plain(result);
  }

  async forget(name: string): Promise<{ kind: string }> {
    const container = await this.container([visitorsTable], rekognitionModule(this.environment));
    return plain(await container.get(TOKENS.Forget).execute({ householdId: this.householdId, name }));
  }

  async visitors(): Promise<{ visitors: VisitorSummary[] }> {
    const container = await this.container([visitorsTable]);
    return {
      visitors: plain(await container.get(TOKENS.ListVisitors).execute({ householdId: this.householdId })) as unknown as VisitorSummary[],
    };
  }

  async history(limit?: number): Promise<{ rings: Record<string, unknown>[] }> {
    const container = await this.container([ringsTable, devicesTable], photosModule(this.environment));
    const page = await container
      .get(TOKENS.RingHistory)
      .execute({ householdId: this.householdId, ...(limit === undefined ? {} : { limit }) });
    return plain(page) as unknown as { rings: Record<string, unknown>[] };
  }

  async addWebhook(body: { url: string; events?: string[] }): Promise<AddedWebhook> {
    const container = await this.container([webhooksTable], webhooksModule());
    return plain(await container.get(TOKENS.AddWebhook).execute({ householdId: this.householdId, ...body })) as unknown as AddedWebhook;
  }

  async webhooks(): Promise<{ webhooks: WebhookListing[] }> {
    const container = await this.container([webhooksTable]);
    return {
      webhooks: plain(await container.get(TOKENS.ListWebhooks).execute({ householdId: this.householdId })) as unknown as WebhookListing[],
    };
  }

  async removeWebhook(id: string): Promise<{ kind: string }> {
    const container = await this.container([webhooksTable]);
    return plain(await container.get(TOKENS.RemoveWebhook).execute({ householdId: this.householdId, webhookId: id }));
  }

  async enableWebhook(id: string): Promise<{ kind: string; webhook?: WebhookListing }> {
    const container = await this.container([webhooksTable]);
    return plain(await container.get(TOKENS.EnableWebhook).execute({ householdId: this.householdId, webhookId: id })) as unknown as {
      kind: string;
      webhook?: WebhookListing;
    };
  }

  private async container(tables: readonly TableBinding[], ...modules: ContainerModule[]): Promise<Container> {
    const container = new Container({ defaultScope: 'Singleton' });
    container.load(settingsModule(), systemModule(), useCasesModule, dynamoDbModule(this.environment, tables), ...modules);
    return container;
  }
}

/** The same JSON data the local operator API would answer. */
function plain<T>(value: T): T & Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as T & Record<string, unknown>;
}
