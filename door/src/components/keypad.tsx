import { useState } from 'preact/hooks';
import type { DeviceConnection } from '../../../dashboard/src/connection/device-connection';
import { ACCESS_CODE_DIGITS } from '../../../domain/access-code';

type KeypadResult =
  | { readonly kind: 'welcome'; readonly name: string }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'checking' };

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const REPLY_TIMEOUT_MS = 10_000;

/**
 * The keypad for a trusted visitor's one-time access code: big digit buttons, or the keyboard (the field is a real
 * input; Enter checks the code). The server says only valid (with the visitor's name) or not, whatever the reason.
 */
export function Keypad(props: { connection: DeviceConnection | undefined }) {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<KeypadResult | undefined>(undefined);

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
    if (reply?.type === 'codeResult' && reply.result === 'valid') setResult({ kind: 'welcome', name: reply.visitorName ?? '' });
    else if (reply?.type === 'codeResult') setResult({ kind: 'refused', message: 'That code was not accepted.' });
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
      <div class="keypad-result" aria-live="polite" data-keypad={result?.kind}>
        {result?.kind === 'checking' && <p>Checking…</p>}
        {result?.kind === 'welcome' && <p class="answer">Welcome, {result.name}.</p>}
        {result?.kind === 'refused' && <p class="problem">{result.message}</p>}
      </div>
    </form>
  );
}
