import { useState } from 'preact/hooks';
import type { VisitorSummary } from '../../../domain/protocol/server-messages';

export interface VisitorsPanelProps {
  readonly visitors: readonly VisitorSummary[] | undefined;
  /** Resolves with a line saying how it went (shown in the panel's live region). */
  readonly onEnroll: (name: string, trusted: boolean, photos: readonly File[]) => Promise<string>;
  readonly onForget: (name: string) => Promise<string>;
}

/** The household's visitors: who is known, enroll someone from photos, forget someone. */
export function VisitorsPanel({ visitors, onEnroll, onForget }: VisitorsPanelProps) {
  const [name, setName] = useState('');
  const [trusted, setTrusted] = useState(false);
  const [files, setFiles] = useState<readonly File[]>([]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState('');
  const [formKey, setFormKey] = useState(0);

  const enroll = async (event: Event) => {
    event.preventDefault();
    if (name.trim() === '' || files.length === 0) return setProgress('Give a name and at least one photo.');
    setBusy(true);
    setProgress(`Enrolling ${name.trim()}…`);
    const outcome = await onEnroll(name.trim(), trusted, files);
    setProgress(outcome);
    setBusy(false);
    setName('');
    setTrusted(false);
    setFiles([]);
    setFormKey((key) => key + 1); // A file input can only be cleared by a new one.
  };

  const forget = async (visitor: VisitorSummary) => {
    if (!window.confirm(`Forget ${visitor.name} and every photo of their face?`)) return;
    setProgress(await onForget(visitor.name));
  };

  return (
    <div class="visitors">
      {visitors === undefined ? (
        <p class="empty">Loading visitors…</p>
      ) : visitors.length === 0 ? (
        <p class="empty">No visitors enrolled yet.</p>
      ) : (
        <ul class="visitor-list">
          {visitors.map((visitor) => (
            <li key={visitor.visitorId}>
              <span class="visitor-name">{visitor.name}</span>
              {visitor.trusted && <span class="badge badge-trusted">trusted</span>}
              <span class="hint">
                {visitor.faces} {visitor.faces === 1 ? 'face' : 'faces'}
              </span>
              <button type="button" class="quiet" aria-label={`Forget ${visitor.name}`} onClick={() => void forget(visitor)}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="enroll" onSubmit={(event) => void enroll(event)} key={formKey}>
        <h3>Enroll a visitor</h3>
        <label for="visitor-name">Name</label>
        <input id="visitor-name" type="text" maxLength={64} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="visitor-photos">Photos of their face</label>
        <input
          id="visitor-photos"
          type="file"
          accept="image/jpeg,image/png"
          multiple
          required
          onChange={(e) => setFiles([...(e.currentTarget.files ?? [])])}
        />
        <label class="checkbox">
          <input type="checkbox" checked={trusted} onChange={(e) => setTrusted(e.currentTarget.checked)} />
          Trusted: gets a one-time access code when they ring
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Enrolling…' : 'Enroll'}
        </button>
      </form>
      <p class="progress" role="status" aria-live="polite">
        {progress}
      </p>
    </div>
  );
}
