import type { ServiceIdentifier } from 'inversify';
import type { Announce } from '../../application/announce';
import type { AnswerRing } from '../../application/answer-ring';
import type { AwaitAnswer } from '../../application/await-answer';
import type { HouseholdBroadcast } from '../../application/household-broadcast';
import type { IssueAccessCode } from '../../application/issue-access-code';
import type { RecordUnansweredRing } from '../../application/record-unanswered-ring';
import type { VerifyAccessCode } from '../../application/verify-access-code';
import type { AccessCodeRepository } from '../../domain/ports/access-code-repository';
import type { AnswerRepository } from '../../domain/ports/answer-repository';
import type { CodeGenerator } from '../../domain/ports/code-generator';
import type { CodeHasher } from '../../domain/ports/code-hasher';
import type { AuthorizeConnection } from '../../application/authorize-connection';
import type { Connect } from '../../application/connect';
import type { Disconnect } from '../../application/disconnect';
import type { Enroll } from '../../application/enroll';
import type { Forget } from '../../application/forget';
import type { Identify } from '../../application/identify';
import type { IssueDeviceToken } from '../../application/issue-device-token';
import type { ListVisitors } from '../../application/list-visitors';
import type { RecordUnidentifiedRing } from '../../application/record-unidentified-ring';
import type { RegisterDevice } from '../../application/register-device';
import type { RequestUpload } from '../../application/request-upload';
import type { RevokeDevice } from '../../application/revoke-device';
import type { RingHistory } from '../../application/ring-history';
import type { RingIntake } from '../../application/ring-intake';
import type { RingSettings } from '../../application/settings';
import type { Clock } from '../../domain/ports/clock';
import type { ConnectionRepository } from '../../domain/ports/connection-repository';
import type { DeviceNotifier } from '../../domain/ports/device-notifier';
import type { DeviceRepository } from '../../domain/ports/device-repository';
import type { FaceRecognizer } from '../../domain/ports/face-recognizer';
import type { IdGenerator } from '../../domain/ports/id-generator';
import type { PhotoStore } from '../../domain/ports/photo-store';
import type { RingRepository } from '../../domain/ports/ring-repository';
import type { RingWindowRepository } from '../../domain/ports/ring-window-repository';
import type { TokenSigner } from '../../domain/ports/token-signer';
import type { VisitorRepository } from '../../domain/ports/visitor-repository';
import type { WorkflowCallbacks } from '../../domain/ports/workflow-callbacks';
import type { RandomSource } from '../../domain/ports/random-source';
import type { SecretGenerator } from '../../domain/ports/secret-generator';
import type { WebhookQueue } from '../../domain/ports/webhook-queue';
import type { WebhookRepository } from '../../domain/ports/webhook-repository';
import type { WebhookSender } from '../../domain/ports/webhook-sender';
import type { AddWebhook } from '../../application/add-webhook';
import type { DeliverWebhook } from '../../application/deliver-webhook';
import type { DispatchWebhookEvent } from '../../application/dispatch-webhook-event';
import type { EnableWebhook } from '../../application/enable-webhook';
import type { ListWebhooks } from '../../application/list-webhooks';
import type { RemoveWebhook } from '../../application/remove-webhook';

const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`doorbell.${name}`);

/** Every binding of the containers, typed: `container.get(TOKENS.Connect)` is a Connect. */
export const TOKENS = {
  RingSettings: token<RingSettings>('RingSettings'),
  // driven ports
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  ConnectionRepository: token<ConnectionRepository>('ConnectionRepository'),
  RingRepository: token<RingRepository>('RingRepository'),
  RingWindowRepository: token<RingWindowRepository>('RingWindowRepository'),
  VisitorRepository: token<VisitorRepository>('VisitorRepository'),
  DeviceRepository: token<DeviceRepository>('DeviceRepository'),
  FaceRecognizer: token<FaceRecognizer>('FaceRecognizer'),
  DeviceNotifier: token<DeviceNotifier>('DeviceNotifier'),
  PhotoStore: token<PhotoStore>('PhotoStore'),
  WorkflowCallbacks: token<WorkflowCallbacks>('WorkflowCallbacks'),
  TokenSigner: token<TokenSigner>('TokenSigner'),
  AccessCodeRepository: token<AccessCodeRepository>('AccessCodeRepository'),
  CodeGenerator: token<CodeGenerator>('CodeGenerator'),
  CodeHasher: token<CodeHasher>('CodeHasher'),
  AnswerRepository: token<AnswerRepository>('AnswerRepository'),
  WebhookRepository: token<WebhookRepository>('WebhookRepository'),
  WebhookSender: token<WebhookSender>('WebhookSender'),
  WebhookQueue: token<WebhookQueue>('WebhookQueue'),
  SecretGenerator: token<SecretGenerator>('SecretGenerator'),
  RandomSource: token<RandomSource>('RandomSource'),
  // use cases
  Connect: token<Connect>('Connect'),
  Disconnect: token<Disconnect>('Disconnect'),
  RegisterDevice: token<RegisterDevice>('RegisterDevice'),
  IssueDeviceToken: token<IssueDeviceToken>('IssueDeviceToken'),
  AuthorizeConnection: token<AuthorizeConnection>('AuthorizeConnection'),
  RevokeDevice: token<RevokeDevice>('RevokeDevice'),
  RequestUpload: token<RequestUpload>('RequestUpload'),
  RingIntake: token<RingIntake>('RingIntake'),
  Identify: token<Identify>('Identify'),
  RecordUnidentifiedRing: token<RecordUnidentifiedRing>('RecordUnidentifiedRing'),
  Announce: token<Announce>('Announce'),
  Enroll: token<Enroll>('Enroll'),
  Forget: token<Forget>('Forget'),
  ListVisitors: token<ListVisitors>('ListVisitors'),
  RingHistory: token<RingHistory>('RingHistory'),
  IssueAccessCode: token<IssueAccessCode>('IssueAccessCode'),
  VerifyAccessCode: token<VerifyAccessCode>('VerifyAccessCode'),
  AnswerRing: token<AnswerRing>('AnswerRing'),
  AwaitAnswer: token<AwaitAnswer>('AwaitAnswer'),
  HouseholdBroadcast: token<HouseholdBroadcast>('HouseholdBroadcast'),
  RecordUnansweredRing: token<RecordUnansweredRing>('RecordUnansweredRing'),
  AddWebhook: token<AddWebhook>('AddWebhook'),
  ListWebhooks: token<ListWebhooks>('ListWebhooks'),
  RemoveWebhook: token<RemoveWebhook>('RemoveWebhook'),
  EnableWebhook: token<EnableWebhook>('EnableWebhook'),
  DispatchWebhookEvent: token<DispatchWebhookEvent>('DispatchWebhookEvent'),
  DeliverWebhook: token<DeliverWebhook>('DeliverWebhook'),
} as const;
