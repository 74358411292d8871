/**
 * The resend dialog (loaded on demand by ResendActions): a modal <dialog> with two tabs, Edit
 * (request fields, quick options, the body editor, send and copy) and Compare (the original
 * against its resend). The browser's modal dialog gives focus containment and Escape to close.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { CapturedCall } from '../../session/call';
import { Tabs } from '../Tabs';
import type { ViewerModel } from '../viewer-model';
import { BodyEditor } from './BodyEditor';
import { ComparePanel } from './ComparePanel';
import { CopyAs } from './CopyAs';
import { QuickOptions } from './QuickOptions';
import { RequestFields } from './RequestFields';
import type { ResendClient } from './resend-client';
import { createResendModel, type ResendModel } from './resend-model';
import { SendBar } from './SendBar';
import './resend.css';
import { onDialogKeyDown } from '../dialog-keys';

export interface ResendDialogProps {
  model: ViewerModel;
  client: ResendClient;
  callId: string;
  /** The call as the details bar had it, for when the list no longer has it. */
  fallback?: CapturedCall;
  requestBody?: string;
  tab: DialogTab;
  onClose: () => void;
}

export type DialogTab = 'Edit' | 'Compare';

const TABS: readonly DialogTab[] = ['Edit', 'Compare'];

/**
 * One editor per original while the viewer is open: closing the dialog keeps the edit. Bounded:
 * past EDITORS_KEPT originals, the least recently opened edit is dropped.
 */
const editors = new Map<string, ResendModel>();
const EDITORS_KEPT = 50;

function editorFor(call: CapturedCall, requestBody: string | undefined, client: ResendClient) {
  const editor = editors.get(call.id) ?? createResendModel({ original: call, requestBody, client });
  editors.delete(call.id); // re-inserted last: Map order is the recency order
  editors.set(call.id, editor);
  for (const id of editors.keys()) {
    if (editors.size <= EDITORS_KEPT) break;
    editors.delete(id);
  }
  return editor;
}

function EditPanel({ editor }: { editor: ResendModel }) {
  return (
    <div class="resend-edit">
      <RequestFields editor={editor} />
      <QuickOptions editor={editor} />
      <BodyEditor editor={editor} />
      <SendBar editor={editor} />
      <CopyAs editor={editor} />
    </div>
  );
}

export function ResendDialog(props: ResendDialogProps) {
  const { model, client, callId, onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [tab, setTab] = useState<DialogTab>(props.tab);
  useEffect(() => setTab(props.tab), [props.tab, callId]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const call = model.calls.value.find((c) => c.id === callId) ?? props.fallback;
  if (!call) return null;
  const editor = editorFor(call, props.requestBody, client);
  return (
    <dialog
      ref={ref}
      class="resend-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      onKeyDown={onDialogKeyDown}
    >
      <div class="resend-head">
        <h2 id={titleId}>Edit and resend</h2>
        <button type="button" aria-label="Close" onClick={() => ref.current?.close()}>
          ✕
        </button>
      </div>
      <Tabs label="Resend sections" tabs={TABS} active={tab} onChange={setTab}>
        {tab === 'Edit' ? (
          <EditPanel editor={editor} />
        ) : (
          <ComparePanel model={model} client={client} call={call} />
        )}
      </Tabs>
    </dialog>
  );
}
