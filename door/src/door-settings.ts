import type { Facing } from './camera/camera';

/** The door page's own device (a doorbell), apart from the dashboard's resident device on the same origin. */
export const DOOR_STORAGE_KEY = 'doorbell.door';
const FACING_KEY = 'doorbell.door.camera';

/** The camera chosen last on this device; the front one (facing whoever stands at the door) by default. */
export function rememberedFacing(storage: Storage): Facing {
  try {
    return storage.getItem(FACING_KEY) === 'environment' ? 'environment' : 'user';
  } catch {
    return 'user';
  }
}

export function rememberFacing(storage: Storage, facing: Facing): void {
  try {
    storage.setItem(FACING_KEY, facing);
  } catch {
    // Private mode or a full quota: the choice holds until the page closes.
  }
}
