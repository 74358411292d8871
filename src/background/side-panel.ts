/**
 * What the side panel shows of one tab, and the visit findings the popup counts: read from the
 * calls' stored analysis and facts, never from bodies, so that answering once a second stays
 * cheap.
 */
import { tabVisitor } from '../session/analysis';
import { isFailure, type CapturedCall, type PageVisit } from '../session/call';
import type { SidePanelState } from '../shared/protocol';
import { buildVisit } from '../validate/visit';
import { visitFindings, type VisitFinding } from '../validate/visit-checks';
import type { CaptureSession } from './capture-session';

/** The side panel lists this many of a tab's newest calls (the findings cover all of them). */
export const SIDE_PANEL_CALLS = 200;
/** And this many of its newest pages. */
export const SIDE_PANEL_PAGES = 50;

/** The visit's findings for a tab's calls; its pages are not over while the tab is live. */
export function tabFindings(
  calls: readonly CapturedCall[],
  pages: readonly PageVisit[],
): VisitFinding[] {
  return visitFindings(buildVisit(calls, pages, { ended: false }), calls);
}

export function sidePanelState(session: CaptureSession, tabId: number): SidePanelState {
  const calls = session.calls({ tabId });
  const pages = session.pagesIn({ tabId });
  return {
    tabId,
    count: calls.length,
    failures: calls.filter(isFailure).length,
    paused: session.status({ tabId }).paused,
    calls: calls.slice(-SIDE_PANEL_CALLS),
    pages: pages.slice(-SIDE_PANEL_PAGES),
    visitor: tabVisitor(calls),
    findings: tabFindings(calls, pages),
  };
}
