import { useState } from 'preact/hooks';
import { MAX_REPLY_LENGTH, REPLY_LABELS, REPLY_PRESETS } from '../../../domain/answer';

/** The preset buttons and a short text reply for a live ring. */
export function QuickReplies(props: { ringId: string; onReply: (reply: string) => void }) {
  const [text, setText] = useState('');
  const inputId = `reply-${props.ringId}`;
  const sendText = (event: Event) => {
    event.preventDefault();
    if (text.trim() === '') return;
    props.onReply(text.trim());
    setText('');
  };
  return (
    <div class="quick-replies">
      <div class="reply-buttons" role="group" aria-label="Quick replies">
        {REPLY_PRESETS.map((preset) => (
          <button type="button" key={preset} onClick={() => props.onReply(preset)}>
            {REPLY_LABELS[preset]}
          </button>
        ))}
      </div>
      <form class="reply-text" onSubmit={sendText}>
        <label for={inputId}>Or reply in your own words</label>
        <div class="row">
          <input id={inputId} type="text" maxLength={MAX_REPLY_LENGTH} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">Send</button>
        </div>
      </form>
    </div>
  );
}
