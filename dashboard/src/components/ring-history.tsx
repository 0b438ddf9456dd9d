import type { AnswerMessage, RingSummary } from '../../../domain/protocol/server-messages';
import { replyText } from './quick-replies';
import { dateTimeOf, OUTCOME_LABELS } from './ring-text';

/** Every ring the page knows of, newest first, one compact row each. */
export function RingHistory(props: { rings: readonly RingSummary[]; answers: Readonly<Record<string, AnswerMessage>> }) {
  if (props.rings.length === 0) return <p class="empty">No rings yet.</p>;
  return (
    <ol class="history">
      {props.rings.map((ring) => {
        const answer = props.answers[ring.ringId];
        return (
          <li key={ring.ringId} class="history-row">
            {ring.snapshotUrl ? (
              <img class="thumb" src={ring.snapshotUrl} alt="" loading="lazy" />
            ) : (
              <span class="thumb" aria-hidden="true" />
            )}
            <div>
              <p class="history-text">{ring.text}</p>
              <p class="ring-meta">
                <time dateTime={ring.at}>{dateTimeOf(ring.at)}</time>
                <span>{OUTCOME_LABELS[ring.outcome]}</span>
                {answer && <span>Answered: {replyText(answer.reply)}</span>}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
