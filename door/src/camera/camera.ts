import { scaledCanvas } from '../../../dashboard/src/photos/downsize-photo';

/** Which camera: `user` faces whoever looks at the screen (the visitor), `environment` looks away from it. */
export type Facing = 'user' | 'environment';

/** Why there is no picture; the page says so and the Ring button still rings. */
export type CameraProblem = 'insecure' | 'none' | 'denied' | 'in-use' | 'failed';

export type CameraState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'live'; readonly stream: MediaStream }
  | { readonly kind: 'unavailable'; readonly problem: CameraProblem };

/** A ring photo's longest side: enough for recognition, small enough to upload at once. */
export const PHOTO_SIDE = 640;
const JPEG_QUALITY = 0.85;

export const CAMERA_PROBLEMS: Readonly<Record<CameraProblem, string>> = {
  insecure: 'The camera needs a secure page (https:// or localhost).',
  none: 'No camera was found on this device.',
  denied: 'The camera is blocked for this page. Allow it in the browser’s site settings, then reload.',
  'in-use': 'The camera is in use by another app.',
  failed: 'The camera could not be started.',
};

/** Opens the camera facing `facing` (a preference: a device with one camera uses that one). Never rejects. */
export async function openCamera(facing: Facing): Promise<CameraState> {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) return { kind: 'unavailable', problem: 'insecure' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    return { kind: 'live', stream };
  } catch (error) {
    return { kind: 'unavailable', problem: problemOf(error) };
  }
}

export function closeCamera(state: CameraState): void {
  if (state.kind === 'live') for (const track of state.stream.getTracks()) track.stop();
}

function problemOf(error: unknown): CameraProblem {
  switch (error instanceof DOMException ? error.name : '') {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'none';
    case 'NotReadableError':
    case 'AbortError':
      return 'in-use';
    default:
      return 'failed';
  }
}

/** The frame the video shows now, as a JPEG of at most PHOTO_SIDE a side; undefined while it shows nothing yet. */
export async function captureFrame(video: HTMLVideoElement): Promise<Blob | undefined> {
  if (video.videoWidth === 0 || video.videoHeight === 0) return undefined;
  return jpegOf(scaledCanvas(video, video.videoWidth, video.videoHeight, PHOTO_SIDE));
}

export function jpegOf(canvas: HTMLCanvasElement): Promise<Blob | undefined> {
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? undefined), 'image/jpeg', JPEG_QUALITY));
}
