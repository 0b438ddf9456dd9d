import * as v from 'valibot';
import { DEVICE_ROLES, type DeviceRole } from '../../../domain/device';
import { deviceId, householdId, ID_PATTERN, type DeviceId, type HouseholdId } from '../../../domain/ids';
import { VALUE_FREE_MESSAGES } from '../../validation/issues';
import { finiteNumber } from './event-fields';

/**
 * What our $connect authorizer returned as `context`, which API Gateway hands to every later event of the
 * connection (stringified: context values arrive as strings), next to its own `principalId` and
 * `integrationLatency`.
 */
export const deviceIdentitySchema = v.config(
  v.pipe(
    v.looseObject({
      principalId: v.optional(v.string()),
      integrationLatency: v.optional(finiteNumber),
      householdId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a household id')),
      deviceId: v.pipe(v.string(), v.regex(ID_PATTERN, 'must be a device id')),
      role: v.picklist(DEVICE_ROLES as readonly [DeviceRole, ...DeviceRole[]]),
    }),
    v.transform(
      (context): DeviceIdentity => ({
        householdId: householdId(context.householdId),
        deviceId: deviceId(context.deviceId),
        role: context.role,
      }),
    ),
  ),
  VALUE_FREE_MESSAGES,
);

/** The device behind a connection, as the authorizer established it. */
export interface DeviceIdentity {
  readonly householdId: HouseholdId;
  readonly deviceId: DeviceId;
  readonly role: DeviceRole;
}
