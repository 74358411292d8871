/**
 * Copy the edited request as cURL, as fetch(...) or as alloy("sendEvent", …). The text is also
 * shown, selected, in a read-only box: DevTools panels do not always get clipboard access.
 * Secrets are never in the text (copy-as.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { actionLabel } from '../../edge/endpoint';
import { toAlloySendEvent } from '../../edge/alloy-snippet';
import { toCurl, toFetch } from '../../session/copy-as';
import { datastreamParam, prepareSend } from '../../session/resend-draft';
import type { ResendModel } from './resend-model';

type Kind = 'curl' | 'fetch' | 'alloy';

const LABELS: Record<Kind, { button: string; box: string }> = {
  curl: { button: 'Copy as cURL', box: 'Copied cURL command' },
  fetch: { button: 'Copy as fetch', box: 'Copied fetch call' },
  alloy: { button: 'Copy as alloy sendEvent', box: 'Copied alloy sendEvent call' },
};

interface Copied {
  kind: Kind;
  text: string;
  notes: string[];
  clipboard?: boolean;
}

function snippetFor(editor: ResendModel, kind: Kind): Copied | { problem: string } {
  const { original } = editor;
  const request = prepareSend(editor.draft.peek(), {
    requestId: editor.newRequestId.peek() ? crypto.randomUUID() : undefined,
    cookies: editor.cookies.peek(),
  });
  if (kind === 'curl') return { kind, ...toCurl(request) };
  if (kind === 'fetch') return { kind, ...toFetch(request) };
  const alloy = toAlloySendEvent(request.body ?? '', {
    datastreamId: datastreamParam(request.url).value,
    configuredDatastreamId: original.endpoint.datastreamId,
    instance: original.sdkInstance,
    unloading: original.transport === 'beacon' || actionLabel(original.endpoint) === 'collect',
  });
  return alloy.ok ? { kind, text: alloy.text, notes: alloy.notes } : { problem: alloy.message };
}

export function CopyAs({ editor }: { editor: ResendModel }) {
  const [copied, setCopied] = useState<Copied | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.select(), [copied]);

  async function copy(kind: Kind): Promise<void> {
    const made = snippetFor(editor, kind);
    if ('problem' in made) {
      setCopied(undefined);
      setProblem(made.problem);
      return;
    }
    setProblem(undefined);
    let clipboard = false;
    try {
      await navigator.clipboard.writeText(made.text);
      clipboard = true;
    } catch {
      // No clipboard access (an unfocused DevTools panel): the selected text below is the fallback.
    }
    setCopied({ ...made, clipboard });
  }

  return (
    <div class="copy-as" role="group" aria-label="Copy as">
      {(Object.keys(LABELS) as Kind[]).map((kind) => (
        <button key={kind} type="button" onClick={() => void copy(kind)}>
          {LABELS[kind].button}
        </button>
      ))}
      <p role="status" class="note">
        {problem ??
          (copied
            ? copied.clipboard
              ? 'Copied to the clipboard.'
              : 'The clipboard is not available here: the text below is selected, press Ctrl+C (⌘C).'
            : '')}
      </p>
      {copied && (
        <>
          <textarea
            ref={box}
            class="copied"
            readOnly
            rows={8}
            spellcheck={false}
            aria-label={LABELS[copied.kind].box}
            value={copied.text}
          />
          {copied.notes.map((note) => (
            <p key={note} class="note">
              {note}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
