import type { DeviceRole } from '../device';

/**
 * What a device may ask of the server (docs/protocol.md), by role: the one table the message handler checks and the
 * deployment splits its message functions by (a function serves the actions of one role set, with only their
 * grants). A doorbell hangs outdoors where anyone can touch it, so nothing that reveals who came by or who lives
 * there (history, visitors) is a doorbell's; a resident's phone has no camera or keypad role to play.
 */
export const DEVICE_ACTIONS = {
  /** Keep-alive: nothing to reveal, any device. */
  ping: ['resident', 'doorbell'],
  /** Past rings: visitor names, match scores, snapshot links. */
  history: ['resident'],
  /** The press: where to upload the photo of a ring. */
  requestUpload: ['doorbell'],
  /** A quick reply to a ring, shown at the door. */
  answer: ['resident'],
  /** The keypad: is this one-time code valid? */
  verifyCode: ['doorbell'],
  /** The household's visitors, and teaching or forgetting their faces. */
  visitors: ['resident'],
  enroll: ['resident'],
  forget: ['resident'],
  /** The household's webhooks: where its rings go, with a signing secret shown once. */
  webhooks: ['resident'],
  addWebhook: ['resident'],
  removeWebhook: ['resident'],
  enableWebhook: ['resident'],
} as const satisfies Readonly<Record<string, readonly DeviceRole[]>>;

export type DeviceAction = keyof typeof DEVICE_ACTIONS;
export const DEVICE_ACTION_NAMES = Object.keys(DEVICE_ACTIONS) as DeviceAction[];

export function isDeviceAction(value: string): value is DeviceAction {
  return Object.hasOwn(DEVICE_ACTIONS, value);
}

/** Whether a device of `role` may perform `action`. */
export function mayPerform(role: DeviceRole, action: DeviceAction): boolean {
  return (DEVICE_ACTIONS[action] as readonly DeviceRole[]).includes(role);
}
