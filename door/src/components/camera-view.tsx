import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { CAMERA_PROBLEMS, type CameraState, type Facing } from '../camera/camera';

/** The live preview, or what keeps the camera from showing (the Ring button rings all the same). */
export function CameraView(props: {
  camera: CameraState;
  facing: Facing;
  videoRef: RefObject<HTMLVideoElement | null>;
  onSwitch: () => void;
}) {
  const { camera, videoRef } = props;
  useEffect(() => {
    const video = videoRef.current;
    if (video) video.srcObject = camera.kind === 'live' ? camera.stream : null;
  }, [camera, videoRef]);

  return (
    <div class="camera">
      <video
        ref={videoRef}
        class={`preview${props.facing === 'user' ? ' mirrored' : ''}${camera.kind === 'live' ? '' : ' hidden'}`}
        autoPlay
        muted
        playsInline
        aria-label="What the door camera sees"
      />
      {camera.kind === 'starting' && <p class="camera-note">Starting the camera…</p>}
      {camera.kind === 'unavailable' && (
        <p class="camera-note" role="status" data-camera-problem={camera.problem}>
          {CAMERA_PROBLEMS[camera.problem]} Ring still works, without a photo.
        </p>
      )}
      <button type="button" class="quiet" onClick={props.onSwitch}>
        {props.facing === 'user' ? 'Use the back camera' : 'Use the front camera'}
      </button>
    </div>
  );
}
