/** A call's status as text: failures get an icon and the word, never colour alone. */
import { isFailure, statusLabel, type CapturedCall } from '../session/call';

export function StatusText({ call }: { call: CapturedCall }) {
  const label = statusLabel(call);
  if (isFailure(call)) {
    // Not colour alone: an icon and, for screen readers, the word.
    const word = label.startsWith('failed') ? '' : 'failed ';
    return (
      <span class="status status-failed">
        <span aria-hidden="true">✖ </span>
        {word && <span class="visually-hidden">{word}</span>}
        {label}
      </span>
    );
  }
  return <span class={`status status-${call.state}`}>{label}</span>;
}
