/** A call's status as text: failures get an icon and the word, never colour alone. */
import { isFailure, statusLabel, type CapturedCall } from '../session/call';

/**
 * What a status shows, for this component and the call grid's painted rows (row-painter.ts):
 * its label and class, and for a failure the word a screen reader says before the label.
 */
export function statusWords(call: Pick<CapturedCall, 'state' | 'status' | 'error'>) {
  const label = statusLabel(call);
  const failed = isFailure(call);
  return {
    label,
    failed,
    className: failed ? 'status status-failed' : `status status-${call.state}`,
    word: failed && !label.startsWith('failed') ? 'failed ' : '',
  };
}

export function StatusText({ call }: { call: CapturedCall }) {
  const { label, failed, className, word } = statusWords(call);
  if (failed) {
    // Not colour alone: an icon and, for screen readers, the word.
    return (
      <span class={className}>
        <span aria-hidden="true">✖ </span>
        {word && <span class="visually-hidden">{word}</span>}
        {label}
      </span>
    );
  }
  return <span class={className}>{label}</span>;
}
