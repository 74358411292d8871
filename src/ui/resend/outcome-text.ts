/** Words for what happened to a send, shared by the details bar and the editor. */
import type { ResendOutcome } from '../../shared/protocol';

export function outcomeText(outcome: ResendOutcome): string {
  const where = outcome.from === 'page' ? 'from the page' : 'from the extension';
  if (outcome.ok) {
    const status = `${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ''}`;
    const failed = outcome.status >= 400 ? ' (a failure: see the call)' : '';
    const linked = outcome.resendId
      ? ' It is in the list, linked to its original.'
      : ' It is not linked yet: an address that is not an Edge call is not captured.';
    return `Sent ${where}: ${status}${failed}.${linked}`;
  }
  if (outcome.reason === 'tab-gone') return `Not sent: ${outcome.error}`;
  return `Failed ${where}: ${outcome.error}`;
}
