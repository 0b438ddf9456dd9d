import { DEVICE_ACTION_NAMES, DEVICE_ACTIONS, type DeviceAction } from '../../domain/protocol/device-actions';

/**
 * The devices' message routes, the one definition the CDK stack and the local gateway both build from. API Gateway
 * routes each frame on its `action`; each action goes to the function of the roles allowed it (the roles table,
 * domain/protocol/device-actions.ts), so that a function holds exactly the grants of its role's actions: a doorbell's
 * requests run where no visitor, face or history can be read, a resident's where no photo can be uploaded.
 * Actions any device may send, and everything else (`$default`: unknown actions, bad frames), go to `on-message`,
 * which needs nothing but the reply. Free of the AWS SDK and CDK, like functions.ts.
 */
export type MessageFunctionName = 'on-message' | 'on-resident-message' | 'on-doorbell-message';

/** API Gateway's route for frames that name no known action. */
export const DEFAULT_ROUTE = '$default';

export function messageFunctionOf(action: DeviceAction): MessageFunctionName {
  const roles: readonly string[] = DEVICE_ACTIONS[action];
  if (roles.length !== 1) return 'on-message';
  return roles[0] === 'resident' ? 'on-resident-message' : 'on-doorbell-message';
}

/** Every message route key (`$default` and one per action) with the function that serves it. */
export const MESSAGE_ROUTES: Readonly<Record<string, MessageFunctionName>> = {
  [DEFAULT_ROUTE]: 'on-message',
  ...Object.fromEntries(DEVICE_ACTION_NAMES.map((action) => [action, messageFunctionOf(action)])),
};

/** The actions a message function serves. */
export function actionsServedBy(name: MessageFunctionName): DeviceAction[] {
  return DEVICE_ACTION_NAMES.filter((action) => messageFunctionOf(action) === name);
}
