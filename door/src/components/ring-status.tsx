import { replyText } from '../../../dashboard/src/components/reply-labels';
import type { DoorState } from '../state/door-state';

/** What happened to the press, in large type; announced to screen readers as it changes. */
export function RingStatus(props: { state: DoorState }) {
  return (
    <div class={`ring-status ring-status-${props.state.kind}`} aria-live="polite" data-door-state={props.state.kind}>
      {describe(props.state)}
    </div>
  );
}

function describe(state: DoorState) {
  switch (state.kind) {
    case 'idle':
      return <p>Press Ring to let the household know you are here.</p>;
    case 'sending':
      return <p class="big">{state.withPhoto ? 'Ringing…' : 'Ringing without a photo…'}</p>;
    case 'ringing':
      return state.debounced ? (
        <p class="big">Already ringing — the household has been told.</p>
      ) : (
        <p class="big">Ringing… Waiting for an answer.</p>
      );
    case 'answered':
      return (
        <>
          {state.pressedAgain && <p>Already rang. The household answered:</p>}
          <p class="answer" data-reply={state.reply}>
            {replyText(state.reply)}
          </p>
        </>
      );
    case 'failed':
      return (
        <p class="problem" role="alert">
          {state.message}
        </p>
      );
  }
}
