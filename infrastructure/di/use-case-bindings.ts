import { ContainerModule, type ContainerModuleLoadOptions } from 'inversify';
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
import { TOKENS as t } from './tokens';

/**
 * One binding per use case, wired to ports by token, with the use cases it is built on. Separate values, not one
 * module, so that a Lambda's bundle holds only the use cases its root names (the rest is tree-shaken away): fewer
 * bytes to compile at cold start. `useCasesModule` (use-cases.module.ts) binds them all.
 */
export interface UseCaseBinding {
  readonly bind: (bind: ContainerModuleLoadOptions['bind']) => void;
  /** Use cases this one is built from; bound along with it. */
  readonly requires?: readonly UseCaseBinding[];
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
    binding.requires?.forEach(add);
  };
  chosen.forEach(add);
  return new ContainerModule(({ bind }) => all.forEach((binding) => binding.bind(bind)));
}

export const connectBinding: UseCaseBinding = {
  bind: (bind) => bind(t.Connect).toResolvedValue((connections) => new Connect(connections), [t.ConnectionRepository]),
};

export const disconnectBinding: UseCaseBinding = {
  bind: (bind) => bind(t.Disconnect).toResolvedValue((connections) => new Disconnect(connections), [t.ConnectionRepository]),
};

export const registerDeviceBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.RegisterDevice).toResolvedValue(
      (devices, clock, ids) => new RegisterDevice(devices, clock, ids),
      [t.DeviceRepository, t.Clock, t.IdGenerator],
    ),
};

export const issueDeviceTokenBinding: UseCaseBinding = {
  requires: [registerDeviceBinding],
  bind: (bind) =>
    bind(t.IssueDeviceToken).toResolvedValue(
      (register, signer, clock) => new IssueDeviceToken(register, signer, clock),
      [t.RegisterDevice, t.TokenSigner, t.Clock],
    ),
};

export const authorizeConnectionBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.AuthorizeConnection).toResolvedValue(
      (signer, devices, clock) => new AuthorizeConnection(signer, devices, clock),
      [t.TokenSigner, t.DeviceRepository, t.Clock],
    ),
};

export const revokeDeviceBinding: UseCaseBinding = {
  bind: (bind) => bind(t.RevokeDevice).toResolvedValue((devices, clock) => new RevokeDevice(devices, clock), [t.DeviceRepository, t.Clock]),
};

export const requestUploadBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.RequestUpload).toResolvedValue(
      (photos, windows, clock, ids, settings) => new RequestUpload(photos, windows, clock, ids, settings),
      [t.PhotoStore, t.RingWindowRepository, t.Clock, t.IdGenerator, t.RingSettings],
    ),
};

export const ringIntakeBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.RingIntake).toResolvedValue(
      (rings, clock, settings) => new RingIntake(rings, clock, settings),
      [t.RingRepository, t.Clock, t.RingSettings],
    ),
};

export const identifyBinding: UseCaseBinding = {
  requires: [ringIntakeBinding],
  bind: (bind) =>
    bind(t.Identify).toResolvedValue(
      (intake, photos, recognizer, visitors, settings) => new Identify(intake, photos, recognizer, visitors, settings),
      [t.RingIntake, t.PhotoStore, t.FaceRecognizer, t.VisitorRepository, t.RingSettings],
    ),
};

export const recordUnidentifiedRingBinding: UseCaseBinding = {
  requires: [ringIntakeBinding],
  bind: (bind) => bind(t.RecordUnidentifiedRing).toResolvedValue((intake) => new RecordUnidentifiedRing(intake), [t.RingIntake]),
};

export const householdBroadcastBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.HouseholdBroadcast).toResolvedValue(
      (connections, notifier, clock, settings) => new HouseholdBroadcast(connections, notifier, clock, settings),
      [t.ConnectionRepository, t.DeviceNotifier, t.Clock, t.RingSettings],
    ),
};

export const announceBinding: UseCaseBinding = {
  requires: [householdBroadcastBinding],
  bind: (bind) =>
    bind(t.Announce).toResolvedValue(
      (rings, devices, photos, broadcast, clock, settings) => new Announce(rings, devices, photos, broadcast, clock, settings),
      [t.RingRepository, t.DeviceRepository, t.PhotoStore, t.HouseholdBroadcast, t.Clock, t.RingSettings],
    ),
};

export const enrollBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.Enroll).toResolvedValue(
      (visitors, recognizer, clock, ids) => new Enroll(visitors, recognizer, clock, ids),
      [t.VisitorRepository, t.FaceRecognizer, t.Clock, t.IdGenerator],
    ),
};

export const forgetBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.Forget).toResolvedValue((visitors, recognizer) => new Forget(visitors, recognizer), [t.VisitorRepository, t.FaceRecognizer]),
};

export const listVisitorsBinding: UseCaseBinding = {
  bind: (bind) => bind(t.ListVisitors).toResolvedValue((visitors) => new ListVisitors(visitors), [t.VisitorRepository]),
};

export const ringHistoryBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.RingHistory).toResolvedValue(
      (rings, devices, photos, clock, settings) => new RingHistory(rings, devices, photos, clock, settings),
      [t.RingRepository, t.DeviceRepository, t.PhotoStore, t.Clock, t.RingSettings],
    ),
};

export const issueAccessCodeBinding: UseCaseBinding = {
  requires: [householdBroadcastBinding],
  bind: (bind) =>
    bind(t.IssueAccessCode).toResolvedValue(
      (rings, codes, generator, hasher, ids, clock, broadcast) =>
        new IssueAccessCode(rings, codes, generator, hasher, ids, clock, broadcast),
      [t.RingRepository, t.AccessCodeRepository, t.CodeGenerator, t.CodeHasher, t.IdGenerator, t.Clock, t.HouseholdBroadcast],
    ),
};

export const verifyAccessCodeBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.VerifyAccessCode).toResolvedValue(
      (codes, hasher, clock) => new VerifyAccessCode(codes, hasher, clock),
      [t.AccessCodeRepository, t.CodeHasher, t.Clock],
    ),
};

export const answerRingBinding: UseCaseBinding = {
  requires: [householdBroadcastBinding],
  bind: (bind) =>
    bind(t.AnswerRing).toResolvedValue(
      (rings, answers, devices, broadcast, workflow, clock, settings) =>
        new AnswerRing(rings, answers, devices, broadcast, workflow, clock, settings),
      [t.RingRepository, t.AnswerRepository, t.DeviceRepository, t.HouseholdBroadcast, t.WorkflowCallbacks, t.Clock, t.RingSettings],
    ),
};

export const awaitAnswerBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.AwaitAnswer).toResolvedValue(
      (rings, answers, workflow, clock) => new AwaitAnswer(rings, answers, workflow, clock),
      [t.RingRepository, t.AnswerRepository, t.WorkflowCallbacks, t.Clock],
    ),
};

export const recordUnansweredRingBinding: UseCaseBinding = {
  bind: (bind) =>
    bind(t.RecordUnansweredRing).toResolvedValue(
      (rings, answers, clock) => new RecordUnansweredRing(rings, answers, clock),
      [t.RingRepository, t.AnswerRepository, t.Clock],
    ),
};
