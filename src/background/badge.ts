/**
 * The action badge per tab: the number of calls, red when the last call failed.
 */
import type { Action } from 'webextension-polyfill';
import { isFailure } from '../session/call';
import type { CaptureSession } from './capture-session';

const OK_COLOUR = '#2d6cdf';
const FAIL_COLOUR = '#d93025';
/** A tab whose traffic the user redirected: its own colour and text, whatever the calls say. */
const OVERRIDE_COLOUR = '#8e24aa';
export const OVERRIDE_BADGE = 'OVR';

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/**
 * Keeps each tab's badge; returns the update of one tab, for changes the calls do not show (an
 * override turned on or off). `overridden` says whether a tab has an override in force.
 */
export function keepBadges(
  action: Action.Static,
  session: CaptureSession,
  overridden: (tabId: number) => boolean = () => false,
): (tabId: number) => void {
  const update = (tabId: number) => {
    if (tabId < 0) return;
    const facts = session.tabFacts(tabId);
    const failed = facts.last !== undefined && isFailure(facts.last);
    const override = overridden(tabId);
    const text = override ? OVERRIDE_BADGE : badgeText(facts.count);
    const color = override ? OVERRIDE_COLOUR : failed ? FAIL_COLOUR : OK_COLOUR;
    // The tab may be gone by now; a rejected badge update is not an error worth surfacing.
    action.setBadgeText({ tabId, text }).catch(() => undefined);
    action.setBadgeBackgroundColor({ tabId, color }).catch(() => undefined);
  };
  session.onChange((change) => {
    const tabs = new Set(change.calls.map((c) => c.tabId));
    if (change.cleared) {
      for (const call of session.calls({})) tabs.add(call.tabId);
      if (change.cleared.tabId !== undefined) tabs.add(change.cleared.tabId);
    }
    for (const tabId of tabs) update(tabId);
  });
  return update;
}
