import { jpegOf, PHOTO_SIDE } from './camera';

/**
 * The photo of a ring made without a camera: a plain card that says so, with the time. It goes the normal way
 * (upload, workflow, announcement), asked for with `camera: false`, so the ring is recorded, announced and answerable
 * like any other, deployed or not, without face recognition: the household hears "Someone is at the front door" and
 * its snapshot says why, instead of pretending to show the door.
 */
export async function noCameraPhoto(problem: string, now = new Date()): Promise<Blob | undefined> {
  const canvas = document.createElement('canvas');
  canvas.width = PHOTO_SIDE;
  canvas.height = Math.round((PHOTO_SIDE * 3) / 4);
  const context = canvas.getContext('2d');
  if (!context) return undefined;
  context.fillStyle = '#10243e';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = '#ffffff';
  context.textAlign = 'center';
  context.font = 'bold 40px sans-serif';
  context.fillText('No camera at the door', canvas.width / 2, canvas.height / 2 - 30);
  context.font = '24px sans-serif';
  context.fillText(problem, canvas.width / 2, canvas.height / 2 + 20, canvas.width - 40);
  context.fillText(now.toLocaleString(), canvas.width / 2, canvas.height / 2 + 60);
  return jpegOf(canvas);
}
