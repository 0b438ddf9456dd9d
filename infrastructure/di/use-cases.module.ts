import { ContainerModule } from 'inversify';
import { Announce } from '../../application/announce';
import { AnswerRing } from '../../application/answer-ring';
import { AwaitAnswer } from '../../application/await-answer';
import { HouseholdBroadcast } from '../../application/household-broadcast';
import { IssueAccessCode } from '../../application/issue-access-code';
import { RecordUnansweredRing } from '../../application/record-unanswered-ring';
import { VerifyAccessCode } from '../../application/verify-access-code';
import { AuthorizeConnection } from '../../application/authorize-connection';
import { Connect } from '../../application/connect';
import { Disconnect } from '../../application/disconnect';
import { Enroll } from '../../application/enroll';
import { Forget } from '../../application/forget';
import { Identify } from '../../application/identify';
import { IssueDeviceToken } from '../../application/issue-device-token';
import { ListVisitors } from '../../application/list-visitors';
import { RecordUnidentifiedRing } from '../../application/record-unidentified-ring';
import { RegisterDevice } from '../../application/register-device';
import { RequestUpload } from '../../application/request-upload';
import { RevokeDevice } from '../../application/revoke-device';
import { RingHistory } from '../../application/ring-history';
import { RingIntake } from '../../application/ring-intake';
import { TOKENS } from './tokens';

/**
 * Every use case, wired to ports by token. Bindings resolve lazily, so a Lambda that only gets Connect never
 * constructs (or needs bindings for) the recognizer.
 */
export const useCasesModule = new ContainerModule(({ bind }) => {
  const t = TOKENS;
  bind(t.Connect).toResolvedValue((connections) => new Connect(connections), [t.ConnectionRepository]);
  bind(t.Disconnect).toResolvedValue((connections) => new Disconnect(connections), [t.ConnectionRepository]);
  bind(t.RegisterDevice).toResolvedValue(
    (devices, clock, ids) => new RegisterDevice(devices, clock, ids),
    [t.DeviceRepository, t.Clock, t.IdGenerator],
  );
  bind(t.IssueDeviceToken).toResolvedValue(
    (register, signer, clock) => new IssueDeviceToken(register, signer, clock),
    [t.RegisterDevice, t.TokenSigner, t.Clock],
  );
  bind(t.AuthorizeConnection).toResolvedValue(
    (signer, devices, clock) => new AuthorizeConnection(signer, devices, clock),
    [t.TokenSigner, t.DeviceRepository, t.Clock],
  );
  bind(t.RevokeDevice).toResolvedValue((devices, clock) => new RevokeDevice(devices, clock), [t.DeviceRepository, t.Clock]);
  bind(t.RequestUpload).toResolvedValue(
    (photos, windows, clock, ids, settings) => new RequestUpload(photos, windows, clock, ids, settings),
    [t.PhotoStore, t.RingWindowRepository, t.Clock, t.IdGenerator, t.RingSettings],
  );
  bind(t.RingIntake).toResolvedValue(
    (rings, clock, settings) => new RingIntake(rings, clock, settings),
    [t.RingRepository, t.Clock, t.RingSettings],
  );
  bind(t.Identify).toResolvedValue(
    (intake, photos, recognizer, visitors, settings) => new Identify(intake, photos, recognizer, visitors, settings),
    [t.RingIntake, t.PhotoStore, t.FaceRecognizer, t.VisitorRepository, t.RingSettings],
  );
  bind(t.RecordUnidentifiedRing).toResolvedValue((intake) => new RecordUnidentifiedRing(intake), [t.RingIntake]);
  bind(t.HouseholdBroadcast).toResolvedValue(
    (connections, notifier, clock, settings) => new HouseholdBroadcast(connections, notifier, clock, settings),
    [t.ConnectionRepository, t.DeviceNotifier, t.Clock, t.RingSettings],
  );
  bind(t.Announce).toResolvedValue(
    (rings, devices, photos, broadcast, clock, settings) => new Announce(rings, devices, photos, broadcast, clock, settings),
    [t.RingRepository, t.DeviceRepository, t.PhotoStore, t.HouseholdBroadcast, t.Clock, t.RingSettings],
  );
  bind(t.Enroll).toResolvedValue(
    (visitors, recognizer, clock, ids) => new Enroll(visitors, recognizer, clock, ids),
    [t.VisitorRepository, t.FaceRecognizer, t.Clock, t.IdGenerator],
  );
  bind(t.Forget).toResolvedValue((visitors, recognizer) => new Forget(visitors, recognizer), [t.VisitorRepository, t.FaceRecognizer]);
  bind(t.ListVisitors).toResolvedValue((visitors) => new ListVisitors(visitors), [t.VisitorRepository]);
  bind(t.RingHistory).toResolvedValue(
    (rings, devices, photos, clock, settings) => new RingHistory(rings, devices, photos, clock, settings),
    [t.RingRepository, t.DeviceRepository, t.PhotoStore, t.Clock, t.RingSettings],
  );
  bind(t.IssueAccessCode).toResolvedValue(
    (rings, codes, generator, hasher, ids, clock, broadcast) => new IssueAccessCode(rings, codes, generator, hasher, ids, clock, broadcast),
    [t.RingRepository, t.AccessCodeRepository, t.CodeGenerator, t.CodeHasher, t.IdGenerator, t.Clock, t.HouseholdBroadcast],
  );
  bind(t.VerifyAccessCode).toResolvedValue(
    (codes, hasher, clock) => new VerifyAccessCode(codes, hasher, clock),
    [t.AccessCodeRepository, t.CodeHasher, t.Clock],
  );
  bind(t.AnswerRing).toResolvedValue(
    (rings, answers, devices, broadcast, workflow, clock, settings) => new AnswerRing(rings, answers, devices, broadcast, workflow, clock, settings),
    [t.RingRepository, t.AnswerRepository, t.DeviceRepository, t.HouseholdBroadcast, t.WorkflowCallbacks, t.Clock, t.RingSettings],
  );
  bind(t.AwaitAnswer).toResolvedValue(
    (rings, answers, workflow, clock) => new AwaitAnswer(rings, answers, workflow, clock),
    [t.RingRepository, t.AnswerRepository, t.WorkflowCallbacks, t.Clock],
  );
  bind(t.RecordUnansweredRing).toResolvedValue(
    (rings, answers, clock) => new RecordUnansweredRing(rings, answers, clock),
    [t.RingRepository, t.AnswerRepository, t.Clock],
  );
});
