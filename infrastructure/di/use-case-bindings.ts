import { ContainerModule, type ContainerModuleLoadOptions, type ServiceIdentifier } from 'inversify';
import { Announce } from '../../application/announce';
import { AnswerRing } from '../../application/answer-ring';
import { AuthorizeConnection } from '../../application/authorize-connection';
import { AwaitAnswer } from '../../application/await-answer';
import { Connect } from '../../application/connect';
import { Disconnect } from '../../application/disconnect';
import { Enroll } from '../../application/enroll';
import { Forget } from '../../application/forget';
import { HouseholdBroadcast } from '../../application/household-broadcast';
import { Identify } from '../../application/identify';
import { IssueAccessCode } from '../../application/issue-access-code';
import { IssueDeviceToken } from '../../application/issue-device-token';
import { ListVisitors } from '../../application/list-visitors';
import { RecordUnansweredRing } from '../../application/record-unanswered-ring';
import { RecordUnidentifiedRing } from '../../application/record-unidentified-ring';
import { RegisterDevice } from '../../application/register-device';
import { RequestUpload } from '../../application/request-upload';
import { RevokeDevice } from '../../application/revoke-device';
import { RingHistory } from '../../application/ring-history';
import { RingIntake } from '../../application/ring-intake';
import { VerifyAccessCode } from '../../application/verify-access-code';
import { AddWebhook } from '../../application/add-webhook';
import { DeliverWebhook } from '../../application/deliver-webhook';
import { DispatchWebhookEvent } from '../../application/dispatch-webhook-event';
import { EnableWebhook } from '../../application/enable-webhook';
import { ListWebhooks } from '../../application/list-webhooks';
import { RemoveWebhook } from '../../application/remove-webhook';
import { TOKENS as t } from './tokens';

/**
 * One binding per use case: its token, its class and, once, what its constructor takes, in order: ports by token,
 * and the use cases it is built on by their binding (bound along with it). Separate values, not one module, so that
 * a Lambda's bundle holds only the use cases its root names (the rest is tree-shaken away, hence the `@__PURE__`
 * marks): fewer bytes to compile at cold start. `useCasesModule` (use-cases.module.ts) binds them all.
 */
export interface UseCaseBinding<T = unknown> {
  readonly token: ServiceIdentifier<T>;
  readonly bind: (bind: ContainerModuleLoadOptions['bind']) => void;
  /** Use cases this one is built from; bound along with it. */
  readonly requires: readonly UseCaseBinding[];
}

/** A port the use case works without: undefined where the container binds none. */
export interface OptionalPort<T> {
  readonly optionalPort: ServiceIdentifier<NonNullable<T>>;
}

export function optionalPort<T>(token: ServiceIdentifier<T>): OptionalPort<T | undefined> {
  return { optionalPort: token as ServiceIdentifier<NonNullable<T | undefined>> };
}

/** A constructor argument: a port (or setting) by its token, a use case by its binding, or an optional port. */
type Dependency<T> = ServiceIdentifier<T> | UseCaseBinding<T> | OptionalPort<T>;

/**
 * `UseCase` bound to `token`, built from `dependencies` (the constructor's parameters, in order) once asked for.
 * Given as a function so that the binding's definition reads no token until used: a binding no root names then has
 * nothing left to evaluate, and the bundler drops it.
 */
export function useCase<T, TArgs extends unknown[]>(
  definition: () => readonly [
    token: ServiceIdentifier<T>,
    UseCase: new (...args: TArgs) => T,
    dependencies: { readonly [K in keyof TArgs]: Dependency<TArgs[K]> },
  ],
): UseCaseBinding<T> {
  let defined: ReturnType<typeof definition> | undefined;
  const get = () => {
    defined ??= definition();
    return defined;
  };
  const list = (): readonly Dependency<unknown>[] => get()[2];
  return {
    get token() {
      return get()[0];
    },
    get requires() {
      return list().filter(isUseCaseBinding);
    },
    bind: (bind) => {
      const [token, UseCase] = get();
      const tokens = list().map((dependency) =>
        isUseCaseBinding(dependency)
          ? dependency.token
          : isOptionalPort(dependency)
            ? { serviceIdentifier: dependency.optionalPort, optional: true }
            : dependency,
      );
      bind(token).toResolvedValue((...args: TArgs) => new UseCase(...args), tokens as never);
    },
  };
}

function isOptionalPort(value: unknown): value is OptionalPort<unknown> {
  return typeof value === 'object' && value !== null && 'optionalPort' in value;
}

export function isUseCaseBinding(value: unknown): value is UseCaseBinding {
  return typeof value === 'object' && value !== null && 'bind' in value && 'token' in value;
}

/**
 * A module binding `chosen` use cases and those they are built from, each once. Bindings resolve lazily: what is
 * never asked for is never built.
 */
export function useCases(...chosen: readonly UseCaseBinding[]): ContainerModule {
  const all = new Set<UseCaseBinding>();
  const add = (binding: UseCaseBinding): void => {
    if (all.has(binding)) return;
    all.add(binding);
    binding.requires.forEach(add);
  };
  chosen.forEach(add);
  return new ContainerModule(({ bind }) => all.forEach((binding) => binding.bind(bind)));
}

export const connectBinding = /* @__PURE__ */ useCase(() => [t.Connect, Connect, [t.ConnectionRepository]]);

export const disconnectBinding = /* @__PURE__ */ useCase(() => [t.Disconnect, Disconnect, [t.ConnectionRepository]]);

export const registerDeviceBinding = /* @__PURE__ */ useCase(() => [
  t.RegisterDevice,
  RegisterDevice,
  [t.DeviceRepository, t.Clock, t.IdGenerator],
]);

export const issueDeviceTokenBinding = /* @__PURE__ */ useCase(() => [
  t.IssueDeviceToken,
  IssueDeviceToken,
  [registerDeviceBinding, t.TokenSigner, t.Clock],
]);

export const authorizeConnectionBinding = /* @__PURE__ */ useCase(() => [
  t.AuthorizeConnection,
  AuthorizeConnection,
  [t.TokenSigner, t.DeviceRepository, t.Clock],
]);

export const revokeDeviceBinding = /* @__PURE__ */ useCase(() => [t.RevokeDevice, RevokeDevice, [t.DeviceRepository, t.Clock]]);

export const requestUploadBinding = /* @__PURE__ */ useCase(() => [
  t.RequestUpload,
  RequestUpload,
  [t.PhotoStore, t.RingWindowRepository, t.Clock, t.IdGenerator, t.RingSettings],
]);

export const ringIntakeBinding = /* @__PURE__ */ useCase(() => [t.RingIntake, RingIntake, [t.RingRepository, t.Clock, t.RingSettings]]);

export const identifyBinding = /* @__PURE__ */ useCase(() => [
  t.Identify,
  Identify,
  [ringIntakeBinding, t.PhotoStore, t.FaceRecognizer, t.VisitorRepository, t.RingSettings],
]);

export const recordUnidentifiedRingBinding = /* @__PURE__ */ useCase(() => [
  t.RecordUnidentifiedRing,
  RecordUnidentifiedRing,
  [ringIntakeBinding],
]);

export const householdBroadcastBinding = /* @__PURE__ */ useCase(() => [
  t.HouseholdBroadcast,
  HouseholdBroadcast,
  [t.ConnectionRepository, t.DeviceNotifier, t.Clock, t.RingSettings],
]);

export const announceBinding = /* @__PURE__ */ useCase(() => [
  t.Announce,
  Announce,
  [t.RingRepository, t.DeviceRepository, t.PhotoStore, householdBroadcastBinding, t.Clock, t.RingSettings],
]);

export const enrollBinding = /* @__PURE__ */ useCase(() => [
  t.Enroll,
  Enroll,
  [t.VisitorRepository, t.FaceRecognizer, t.Clock, t.IdGenerator],
]);

export const forgetBinding = /* @__PURE__ */ useCase(() => [t.Forget, Forget, [t.VisitorRepository, t.FaceRecognizer]]);

export const listVisitorsBinding = /* @__PURE__ */ useCase(() => [t.ListVisitors, ListVisitors, [t.VisitorRepository]]);

export const ringHistoryBinding = /* @__PURE__ */ useCase(() => [
  t.RingHistory,
  RingHistory,
  [t.RingRepository, t.DeviceRepository, t.PhotoStore, t.Clock, t.RingSettings],
]);

export const issueAccessCodeBinding = /* @__PURE__ */ useCase(() => [
  t.IssueAccessCode,
  IssueAccessCode,
  [t.RingRepository, t.AccessCodeRepository, t.CodeGenerator, t.CodeHasher, t.IdGenerator, t.Clock, householdBroadcastBinding],
]);

export const verifyAccessCodeBinding = /* @__PURE__ */ useCase(() => [
  t.VerifyAccessCode,
  VerifyAccessCode,
  // Webhooks only where a queue is bound (the local doorbell); the deployed keypad function has none yet.
  [t.AccessCodeRepository, t.CodeHasher, t.Clock, t.IdGenerator, optionalPort(t.WebhookQueue)],
]);

export const answerRingBinding = /* @__PURE__ */ useCase(() => [
  t.AnswerRing,
  AnswerRing,
  [t.RingRepository, t.AnswerRepository, t.DeviceRepository, householdBroadcastBinding, t.WorkflowCallbacks, t.Clock, t.RingSettings],
]);

export const awaitAnswerBinding = /* @__PURE__ */ useCase(() => [
  t.AwaitAnswer,
  AwaitAnswer,
  [t.RingRepository, t.AnswerRepository, t.WorkflowCallbacks, t.Clock],
]);

export const recordUnansweredRingBinding = /* @__PURE__ */ useCase(() => [
  t.RecordUnansweredRing,
  RecordUnansweredRing,
  [t.RingRepository, t.AnswerRepository, t.Clock],
]);

export const addWebhookBinding = /* @__PURE__ */ useCase(() => [
  t.AddWebhook,
  AddWebhook,
  [t.WebhookRepository, t.SecretGenerator, t.IdGenerator, t.Clock],
]);

export const listWebhooksBinding = /* @__PURE__ */ useCase(() => [t.ListWebhooks, ListWebhooks, [t.WebhookRepository]]);

export const removeWebhookBinding = /* @__PURE__ */ useCase(() => [t.RemoveWebhook, RemoveWebhook, [t.WebhookRepository]]);

export const enableWebhookBinding = /* @__PURE__ */ useCase(() => [t.EnableWebhook, EnableWebhook, [t.WebhookRepository]]);

export const dispatchWebhookEventBinding = /* @__PURE__ */ useCase(() => [
  t.DispatchWebhookEvent,
  DispatchWebhookEvent,
  [t.WebhookRepository, t.RingRepository, t.AnswerRepository, t.DeviceRepository, t.PhotoStore, t.WebhookQueue, t.Clock, t.RingSettings],
]);

export const deliverWebhookBinding = /* @__PURE__ */ useCase(() => [
  t.DeliverWebhook,
  DeliverWebhook,
  [t.WebhookRepository, t.WebhookSender, t.WebhookQueue, t.Clock, t.RandomSource],
]);
