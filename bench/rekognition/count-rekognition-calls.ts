import { RekognitionFaceRecognizer } from '../../adapters/rekognition/rekognition-face-recognizer';
import { colourPhoto, type PaintedFace } from '../../test/support/fake-rekognition/colour-photos';
import { startFakeRekognition } from '../../test/support/fake-rekognition/fake-rekognition-server';
import type { FaceColour } from '../../test/support/fake-rekognition/palette';
import { HOME, inMemoryDoorbell } from '../../test/support/in-memory-doorbell';

export interface CallCount {
  readonly case: string;
  readonly outcome: string;
  /** Rekognition operation → calls, for this ring alone. */
  readonly calls: Readonly<Record<string, number>>;
  readonly total: number;
}

const ENROLLED: readonly FaceColour[] = ['red', 'blue'];

/** A photo of `colours` side by side, 70 px faces on a plain porch, as the loopback Rekognition reads them. */
function facesPhoto(colours: readonly FaceColour[]): Promise<Uint8Array> {
  const faces: PaintedFace[] = colours.map((colour, index) => ({ colour, left: 20 + index * 90, top: 60, width: 70 }));
  return colourPhoto({ width: Math.max(320, 40 + colours.length * 90), height: 240, faces, format: 'jpeg' });
}

/**
 * Rings the in-memory doorbell, its recognizer being the Rekognition adapter over the loopback Rekognition (the real
 * SDK on the wire), and counts the Rekognition calls each ring makes, and those of a duplicate "Object Created" event.
 */
export async function countRekognitionCalls(faceCounts: readonly number[]): Promise<CallCount[]> {
  const rekognition = await startFakeRekognition();
  try {
    const doorbell = inMemoryDoorbell(
      { debounceWindow: 0 },
      { recognizer: () => new RekognitionFaceRecognizer({ client: rekognition.client() }) },
    );
    for (const colour of ENROLLED) await doorbell.enroll(HOME, colour, await facesPhoto([colour]));
    const camera = await doorbell.registerDevice(HOME, 'doorbell', 'front door');
    const counts: CallCount[] = [];
    const measure = async (
      name: string,
      act: () => Promise<{ intake: { kind: string; fresh?: boolean; ring?: { identification: { kind: string } } } }>,
    ) => {
      rekognition.clearCalls();
      const result = await act();
      const calls: Record<string, number> = {};
      for (const call of rekognition.calls) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
      const { intake } = result;
      const outcome = intake.ring
        ? `${intake.ring.identification.kind}${intake.fresh === false ? ' (ring already recorded)' : ''}`
        : intake.kind;
      counts.push({ case: name, outcome, calls, total: rekognition.calls.length });
    };
    // Enrolled faces first, then strangers: 0, 1, 2 faces are all known when they can be.
    const palette: FaceColour[] = ['red', 'blue', 'green', 'yellow', 'purple', 'orange', 'cyan', 'black', 'brown'];
    let lastKey = '';
    for (const faces of faceCounts) {
      if (faces > palette.length) throw new RangeError(`at most ${palette.length} faces: one colour each`);
      const photo = await facesPhoto(palette.slice(0, faces));
      await measure(`${faces} face${faces === 1 ? '' : 's'}`, async () => {
        lastKey = await doorbell.press(camera, photo);
        return doorbell.objectCreated(lastKey);
      });
    }
    await measure('duplicate "Object Created" event of the last ring', () => doorbell.objectCreated(lastKey));
    return counts;
  } finally {
    await rekognition.close();
  }
}
