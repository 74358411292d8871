/**
 * Actions on the selected call, shown in the details bar. Each feature adds its own buttons here
 * (note and hide; resend), so the details component itself stays about showing the call.
 */
import type { CallDetail } from '../shared/protocol';
import type { ViewerModel } from './viewer-model';

export function CallActions(_props: { model: ViewerModel; detail: CallDetail }) {
  return <div class="call-actions" role="group" aria-label="Call actions"></div>;
}
