import type { Device } from './device';
import type { Identification } from './identification';

/**
 * The human sentence of a ring notification:
 *   known      "Alice is at the front door", "Alice and Bob are at the front door",
 *              "Alice and 1 unknown visitor are at the front door"
 *   unknown    "An unknown visitor is at the front door", "2 unknown visitors are at the front door"
 *   no-face    "Someone is at the front door, but no face is visible"
 *   unavailable "Someone is at the front door"
 */
export function announcementText(identification: Identification, doorName: string): string {
  const where = `at the ${doorName}`;
  switch (identification.kind) {
    case 'known': {
      const parts = identification.visitors.map((visitor) => visitor.name);
      if (identification.unknownFaces > 0) parts.push(unknownVisitors(identification.unknownFaces));
      const verb = parts.length === 1 ? 'is' : 'are';
      return `${joinNames(parts)} ${verb} ${where}`;
    }
    case 'unknown':
      return identification.unknownFaces <= 1
        ? `An unknown visitor is ${where}`
        : `${unknownVisitors(identification.unknownFaces)} are ${where}`;
    case 'no-face':
      return `Someone is ${where}, but no face is visible`;
    case 'unavailable':
      return `Someone is ${where}`;
  }
}

/** What a doorbell is called in text when it has no usable name. */
export const DEFAULT_DOOR_NAME = 'door';

/**
 * A doorbell's name as it reads after "at the": used as the owner wrote it (spacing tidied), because only they know
 * whether "Garden Gate" is a proper name. Doorbells are best named in lower case: "front door", "garden gate".
 */
export function doorName(deviceName: string | undefined): string {
  const name = deviceName?.replace(/\s+/gu, ' ').trim();
  return name || DEFAULT_DOOR_NAME;
}

/** The door a doorbell device rings at: its `door` when it has one, otherwise its name (unknown device: "door"). */
export function doorOf(doorbell: Pick<Device, 'name' | 'door'> | undefined): string {
  return doorName(doorbell?.door ?? doorbell?.name);
}

function unknownVisitors(count: number): string {
  return `${count} unknown visitor${count === 1 ? '' : 's'}`;
}

function joinNames(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
