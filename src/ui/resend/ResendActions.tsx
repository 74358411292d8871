/**
 * Resend's controls in the details bar: "Resend…" opens the editor, which is loaded on demand
 * (with CodeMirror) so the panel's first load stays small; "Send again" repeats the last edit in
 * one click; "Go to original" / "Go to resend" follow the links between a call and its resends.
 */
import { signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import type { CapturedCall } from '../../session/call';
import type { CallWithBodies } from '../../shared/protocol';
import { formatClock } from '../format';
import type { ViewerModel } from '../viewer-model';
import type { DialogTab, ResendDialogProps } from './ResendDialog';
import { resendClient, type ResendClient } from './resend-client';
import { againRequest, lastSends } from './resend-memory';
import { outcomeText } from './outcome-text';

interface OpenState {
  /** The call the dialog was opened from. */
  callId: string;
  tab: DialogTab;
  requestBody?: string;
}

const openState = signal<OpenState | undefined>(undefined);
const dialog = signal<ComponentType<ResendDialogProps> | undefined>(undefined);
const loadProblem = signal<string | undefined>(undefined);

function open(state: OpenState): void {
  openState.value = state;
  if (dialog.peek()) return;
  import('./ResendDialog').then(
    (module) => {
      dialog.value = module.ResendDialog;
    },
    (error: unknown) => {
      loadProblem.value = `The editor could not be loaded: ${String(error)}`;
    },
  );
}

/** Opens the editor on a call (the Resend… button, or the `r` key: keymap.ts). */
export function openResend(detail: CallWithBodies, tab: DialogTab = 'Edit'): void {
  open({ callId: detail.call.id, tab, requestBody: detail.requestBody });
}

function SendAgain({ call, client }: { call: CapturedCall; client: ResendClient }) {
  const [status, setStatus] = useState('');
  const originalId = [call.id, call.resendOf].find((id) => id && lastSends.value.has(id));
  const send = originalId ? lastSends.value.get(originalId) : undefined;
  if (!originalId || !send) return null;
  const again = async () => {
    setStatus('Sending…');
    const request = againRequest(send, () => crypto.randomUUID());
    setStatus(outcomeText(await client.resend(originalId, request, send.from)));
  };
  return (
    <>
      <button type="button" onClick={() => void again()}>
        Send again
      </button>
      <span role="status" class="resend-status">
        {status}
      </span>
    </>
  );
}

function Links({ call, model }: { call: CapturedCall; model: ViewerModel }) {
  const byId = (id: string | undefined) => model.calls.value.find((c) => c.id === id);
  const original = byId(call.resendOf);
  const latest = byId(call.resends?.at(-1));
  return (
    <>
      {call.resendOf && (
        <button type="button" disabled={!original} onClick={() => model.select(call.resendOf)}>
          {original ? `Go to original (${formatClock(original.startedAt)})` : 'Original not stored'}
        </button>
      )}
      {latest && (
        <button type="button" onClick={() => model.select(latest.id)}>
          Go to resend ({formatClock(latest.startedAt)})
        </button>
      )}
    </>
  );
}

export function ResendActions({
  model,
  detail,
  client = model.resender ?? resendClient(),
}: {
  model: ViewerModel;
  detail: CallWithBodies;
  client?: ResendClient;
}) {
  const { call } = detail;
  const linked = call.resendOf !== undefined || (call.resends?.length ?? 0) > 0;
  const state = openState.value;
  const Dialog = dialog.value;
  const show = (tab: DialogTab) => openResend(detail, tab);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => show('Edit')}>
        Resend…
      </button>
      <SendAgain key={call.id} call={call} client={client} />
      {linked && (
        <button type="button" aria-haspopup="dialog" onClick={() => show('Compare')}>
          Compare…
        </button>
      )}
      <Links call={call} model={model} />
      {loadProblem.value && <span role="alert">{loadProblem.value}</span>}
      {state && Dialog && (
        <Dialog
          model={model}
          client={client}
          callId={state.callId}
          fallback={call.id === state.callId ? call : undefined}
          requestBody={state.requestBody}
          tab={state.tab}
          onClose={() => {
            openState.value = undefined;
          }}
        />
      )}
    </>
  );
}
