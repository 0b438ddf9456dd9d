import type { AnswerMessage, RingSummary } from '../../../domain/protocol/server-messages';
import { replyText } from './reply-labels';
import { dateTimeOf, outcomeLabel } from './ring-text';

/** Every ring the page knows of, newest first, one compact row each. */
export function RingHistory(props: {
  rings: readonly RingSummary[];
  answers: Readonly<Record<string, AnswerMessage>>;
  /** The ring a notification opened the page on: highlighted. */
  linkedRingId?: string | undefined;
}) {
  if (props.rings.length === 0) return <p class="empty">No rings yet.</p>;
  return (
    <ol class="history">
      {props.rings.map((ring) => {
        const answer = props.answers[ring.ringId];
        return (
          <li
            key={ring.ringId}
            class={ring.ringId === props.linkedRingId ? 'history-row linked' : 'history-row'}
            data-ring-id={ring.ringId}
            aria-current={ring.ringId === props.linkedRingId ? 'true' : undefined}
          >
            {ring.snapshotUrl ? (
              <img class="thumb" src={ring.snapshotUrl} alt="" loading="lazy" />
            ) : (
              <span class="thumb" aria-hidden="true" />
            )}
            <div>
              <p class="history-text">{ring.text}</p>
              <p class="ring-meta">
                <time dateTime={ring.at}>{dateTimeOf(ring.at)}</time>
                <span>{outcomeLabel(ring)}</span>
                {answer && <span>Answered: {replyText(answer.reply)}</span>}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
