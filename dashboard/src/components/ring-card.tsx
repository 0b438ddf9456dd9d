import type { AccessCodeMessage, AnswerMessage, RingSummary } from '../../../domain/protocol/server-messages';
import { QuickReplies } from './quick-replies';
import { replyText } from './reply-labels';
import { outcomeLabel, timeOf } from './ring-text';
import { useBefore } from './use-before';

export interface RingCardProps {
  readonly ring: RingSummary;
  readonly answer: AnswerMessage | undefined;
  readonly accessCode: AccessCodeMessage | undefined;
  readonly onReply: (ringId: string, reply: string) => void;
  /** The ring a notification opened the page on: highlighted. */
  readonly linked?: boolean;
}

/** A ring as it happens: the snapshot, who is there, the outcome, the time, the answer or quick replies, the code. */
export function RingCard({ ring, answer, accessCode, onReply, linked = false }: RingCardProps) {
  // The server's own deadline (its configured answer window): after it, an answer would be refused as expired.
  const answerable = useBefore(Date.parse(ring.answerableUntil)) && !answer;
  return (
    <article
      class={`ring-card outcome-${ring.outcome}${linked ? ' linked' : ''}`}
      aria-labelledby={`ring-${ring.ringId}`}
      aria-current={linked ? 'true' : undefined}
      data-ring-id={ring.ringId}
    >
      {ring.snapshotUrl ? (
        <img class="snapshot" src={ring.snapshotUrl} alt={`Snapshot: ${ring.text}`} />
      ) : (
        <div class="snapshot snapshot-missing">No photo</div>
      )}
      <div class="ring-body">
        <h3 id={`ring-${ring.ringId}`}>{ring.text}</h3>
        <p class="ring-meta">
          <span class={`badge badge-${ring.outcome}`}>{outcomeLabel(ring)}</span>
          <time dateTime={ring.at}>{timeOf(ring.at)}</time>
          <span>{ring.doorName}</span>
        </p>
        {ring.visitors.length > 0 && (
          <ul class="who" aria-label="Who is there">
            {ring.visitors.map((visitor) => (
              <li key={visitor.name}>
                {visitor.name} <span class="similarity">{Math.round(visitor.similarity)}% match</span>
              </li>
            ))}
          </ul>
        )}
        {accessCode && (
          <p class="access-code">
            Access code for {accessCode.visitorName}: <strong class="code">{accessCode.code}</strong>{' '}
            <span class="hint">valid until {timeOf(accessCode.expiresAt)}</span>
          </p>
        )}
        {answer && (
          <p class="answer">
            {answer.byName} answered: <strong>{replyText(answer.reply)}</strong>
          </p>
        )}
        {answerable && <QuickReplies ringId={ring.ringId} onReply={(reply) => onReply(ring.ringId, reply)} />}
      </div>
    </article>
  );
}
