/**
 * Administers a deployed doorbell with the operator's own AWS credentials, until the `doorbell … --stack` CLI does:
 *
 *   npx cdk deploy --all --outputs-file cdk.out/outputs.json
 *   npx tsx infrastructure/cdk/deployed-admin.ts token --household home-1 --device "Sam's phone" --role resident
 *   npx tsx infrastructure/cdk/deployed-admin.ts enroll --household home-1 --name Alice [--trusted] alice-1.jpg alice-2.jpg
 *
 * Options: --outputs FILE (default cdk.out/outputs.json), --stack NAME (default Doorbell).
 * `token` needs dynamodb:GetItem/PutItem on the devices table and secretsmanager:GetSecretValue on the key;
 * `enroll` needs the visitors table and rekognition:CreateCollection/IndexFaces (on the household's collection).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Container } from 'inversify';
import type { Enroll } from '../../application/enroll';
import type { IssueDeviceToken } from '../../application/issue-device-token';
import { householdId } from '../../domain/ids';
import { dynamoDbModule } from '../di/aws/dynamodb.module';
import { rekognitionModule } from '../di/aws/rekognition.module';
import { tokenSignerModule } from '../di/aws/token-signer.module';
import { systemModule } from '../di/system.module';
import { TOKENS } from '../di/tokens';
import { useCasesModule } from '../di/use-cases.module';
import { environmentFromOutputs, readStackOutputs } from './stack-outputs';

const USAGE = `usage:
  deployed-admin.ts token  --household ID --device NAME --role resident|doorbell [--outputs FILE] [--stack NAME]
  deployed-admin.ts enroll --household ID --name NAME [--trusted] PHOTO… [--outputs FILE] [--stack NAME]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    outputs: { type: 'string', default: 'cdk.out/outputs.json' },
    stack: { type: 'string', default: 'Doorbell' },
    household: { type: 'string' },
    device: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    trusted: { type: 'boolean' },
  },
});
const [command, ...photoPaths] = positionals;
const outputs = readStackOutputs(values.outputs, values.stack);
// The SDK reads the region from the process; endpoint overrides (local fakes) pass through.
process.env['AWS_REGION'] ??= outputs.region;
const environment = { ...environmentFromOutputs(outputs), ...endpointOverrides(process.env) };
if (!values.household) fail('--household is required');
const household = householdId(values.household);
const container = new Container({ defaultScope: 'Singleton' });

if (command === 'token') {
  const role = values.role;
  if (role !== 'resident' && role !== 'doorbell') fail('--role is resident or doorbell');
  if (!values.device) fail('--device NAME is required');
  container.load(systemModule(), useCasesModule, dynamoDbModule(environment, ['devices']), await tokenSignerModule(environment));
  const result = await container.get<IssueDeviceToken>(TOKENS.IssueDeviceToken).execute({ householdId: household, role, name: values.device });
  if (result.kind !== 'issued') fail(`not issued: ${result.reason}`);
  console.error(`Device "${result.device.name}" (${role}, id ${result.device.id}), valid until ${new Date(result.expiresAt).toISOString()}.`);
  console.error(`Connect with: npx wscat -c "${outputs.webSocketUrl}?token=<token>"`);
  console.log(result.token);
} else if (command === 'enroll') {
  if (!values.name) fail('--name NAME is required');
  if (photoPaths.length === 0) fail('give at least one photo');
  container.load(systemModule(), useCasesModule, dynamoDbModule(environment, ['visitors']), rekognitionModule(environment));
  const photos = await Promise.all(photoPaths.map(async (path) => new Uint8Array(await readFile(path))));
  const result = await container.get<Enroll>(TOKENS.Enroll).execute({
    householdId: household,
    name: values.name,
    photos,
    ...(values.trusted === undefined ? {} : { trusted: values.trusted }),
  });
  if (result.kind === 'rejected') fail(`not enrolled: ${result.reason}`);
  photoPaths.forEach((path, index) => console.log(`  ${path}: ${result.photos[index]?.kind ?? 'unknown'}`));
  if (result.kind === 'no-face-enrolled') fail(`no face found in any photo: ${values.name} was not enrolled`);
  console.log(`${result.visitor.name} ${result.created ? 'enrolled' : 'updated'}: ${result.visitor.faceIds.length} face(s)${result.visitor.trusted ? ', trusted' : ''}.`);
} else {
  fail(USAGE);
}

function endpointOverrides(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = ['DYNAMODB_ENDPOINT', 'SECRETS_MANAGER_ENDPOINT', 'REKOGNITION_ENDPOINT'];
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
