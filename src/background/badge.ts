/**
 * The action badge per tab: the number of calls, red when the last call failed.
 */
import type { Action } from 'webextension-polyfill';
import { isFailure } from '../session/call';
import type { CaptureSession } from './capture-session';

const OK_COLOUR = '#2d6cdf';
const FAIL_COLOUR = '#d93025';

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

export function keepBadges(action: Action.Static, session: CaptureSession): void {
  const update = (tabId: number) => {
    if (tabId < 0) return;
    const facts = session.tabFacts(tabId);
    const failed = facts.last !== undefined && isFailure(facts.last);
    // The tab may be gone by now; a rejected badge update is not an error worth surfacing.
    action.setBadgeText({ tabId, text: badgeText(facts.count) }).catch(() => undefined);
    action
      .setBadgeBackgroundColor({ tabId, color: failed ? FAIL_COLOUR : OK_COLOUR })
      .catch(() => undefined);
  };
  session.onChange((change) => {
    const tabs = new Set(change.calls.map((c) => c.tabId));
    if (change.cleared) {
      for (const call of session.calls({})) tabs.add(call.tabId);
      if (change.cleared.tabId !== undefined) tabs.add(change.cleared.tabId);
    }
    for (const tabId of tabs) update(tabId);
  });
}
