/**
 * Actions on the selected call, shown in the details bar. Each feature adds its own buttons here
 * (note and hide; resend), so the details component itself stays about showing the call.
 */
import type { CallWithBodies } from '../shared/protocol';
import { NoteActions } from './NoteActions';
import { ResendActions } from './resend/ResendActions';
import type { ViewerModel } from './viewer-model';

export function CallActions({ model, detail }: { model: ViewerModel; detail: CallWithBodies }) {
  return (
    <div class="call-actions" role="group" aria-label="Call actions">
      <NoteActions model={model} detail={detail} />
      <ResendActions model={model} detail={detail} />
    </div>
  );
}
