import { useState } from 'preact/hooks';
import type { DeviceConnection } from '../../../dashboard/src/connection/device-connection';
import { ACCESS_CODE_DIGITS } from '../../../domain/access-code';
import type { CodeResultMessage } from '../../../domain/protocol/server-messages';

type KeypadResult =
  | { readonly kind: 'welcome'; readonly name: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'checking' };

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const REPLY_TIMEOUT_MS = 10_000;

/**
 * The keypad for a trusted visitor's one-time access code: big digit buttons, or the keyboard (the field is a real
 * input; Enter checks the code). The server says valid (with the visitor's name) or not; why not only when the
 * household's codes are locked by wrong guesses, and then the page shows the server's message for it.
 */
export function Keypad(props: { connection: DeviceConnection | undefined }) {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<KeypadResult | undefined>(undefined);
  // Counts checks, so that the same refusal twice is still a new result (a test waits on it; the DOM changes).
  const [attempt, setAttempt] = useState(0);

  const type = (digit: string) => setCode((current) => (current.length < ACCESS_CODE_DIGITS ? current + digit : current));
  const submit = async (event: Event) => {
    event.preventDefault();
    if (code.length === 0) return;
    setResult({ kind: 'checking' });
    const reply = await props.connection?.request(
      { action: 'verifyCode', code },
      (message) => message.type === 'codeResult' || message.type === 'error',
      REPLY_TIMEOUT_MS,
    );
    setCode('');
    setAttempt((count) => count + 1);
    if (reply?.type === 'codeResult' && reply.result === 'valid') setResult({ kind: 'welcome', name: reply.visitorName ?? '' });
    else if (reply?.type === 'codeResult') setResult({ kind: 'refused', message: refusalText(reply) });
    else if (reply?.type === 'error') setResult({ kind: 'refused', message: reply.message });
    else setResult({ kind: 'refused', message: 'Not connected: the code was not checked. Try again.' });
  };

  return (
    <form class="keypad" onSubmit={submit} aria-labelledby="keypad-heading">
      <h2 id="keypad-heading">Have an access code?</h2>
      <label for="access-code">Access code</label>
      <input
        id="access-code"
        class="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={ACCESS_CODE_DIGITS}
        value={code}
        onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, ACCESS_CODE_DIGITS))}
      />
      <div class="digits">
        {DIGITS.map((digit) => (
          <button type="button" key={digit} onClick={() => type(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" aria-label="Delete the last digit" onClick={() => setCode((current) => current.slice(0, -1))}>
          ⌫
        </button>
        <button type="button" onClick={() => type('0')}>
          0
        </button>
        <button type="submit" class="primary" aria-label="Check the code">
          OK
        </button>
      </div>
      <div class="keypad-result" aria-live="polite" data-keypad={result?.kind} data-attempt={attempt}>
        {result?.kind === 'checking' && <p>Checking…</p>}
        {result?.kind === 'welcome' && <p class="answer">Welcome, {result.name}.</p>}
        {result?.kind === 'refused' && <p class="problem">{result.message}</p>}
      </div>
    </form>
  );
}

/** A refusal as the visitor reads it: the rate limit's own message when it hit, otherwise one text for every reason. */
export function refusalText(result: CodeResultMessage): string {
  return result.reason !== undefined && result.message ? result.message : 'That code was not accepted.';
}
