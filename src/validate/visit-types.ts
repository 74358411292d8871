/**
 * The visit's shape (visit.ts builds it): the calls and pages it reads, described by the fields it
 * reads (src/session's CapturedCall and PageVisit fit them), and its lanes per page.
 */
import type { EdgeEndpoint } from '../edge/endpoint';
import type { RenderRecord } from '../edge/render-event';
import type { CallFacts, ConsentWord, HintFact } from '../edge/visit-facts';

export interface VisitCall {
  id: string;
  seq: number;
  tabId: number;
  pageId?: string;
  url: string;
  startedAt: number;
  endpoint: EdgeEndpoint;
  status?: number;
  state: 'pending' | 'complete' | 'failed';
  /** The call's stored visit facts; absent when neither body was captured (or not analysed). */
  facts?: CallFacts;
  request?: { captured: boolean };
  response?: { captured: boolean };
}

export interface VisitPage {
  id: string;
  tabId: number;
  url: string;
  title?: string;
  startedAt: number;
  renders?: readonly RenderRecord[];
  /** The Web SDK's own events on the page (their presence says its monitors were heard). */
  sdk?: readonly unknown[];
}

export interface VisitOptions {
  /**
   * Every page is over (an imported file, the command line): checks that wait for a page to be
   * left (`decision-not-displayed`) also judge each tab's last page.
   */
  ended?: boolean;
}

/** What made the ECID change, found in the call that showed the new one. */
export type EcidChangeReason =
  | 'cookie-not-sent'
  | 'other-cookie'
  | 'datastream-changed'
  | 'org-changed'
  | 'authenticated'
  | 'edge-returned-another';

export interface IdentityMark {
  callId: string;
  at: number;
  pageId?: string;
  /** The ECID this call shows (identity:result, else the stored cookie, else the sent cookie). */
  ecid?: string;
  /** From identity:result and the cookie set in the same response, when they were there. */
  fromResponse?: string;
  fromCookie?: string;
  cookieSent?: boolean;
  /** Identities sent, as `namespace (state)`. */
  sent: string[];
  /** Set when this call's ECID differs from the one before it. */
  change?: { from: string; to: string; reason: EcidChangeReason; words: string };
}

export interface ConsentMark {
  callId: string;
  at: number;
  pageId?: string;
  standard: string;
  state: ConsentWord;
  /** `set-consent` request, `consent:preferences` answer, or the consent cookie Edge set. */
  via: 'request' | 'answer' | 'cookie';
}

export interface ConsentSpan {
  state: ConsentWord | 'not yet known';
  from: number;
  /** The call that set it (absent for the span before any). */
  setBy?: string;
  /** Calls sent while this state held (set-consent calls themselves excluded). */
  callIds: string[];
}

export interface HintMark {
  callId: string;
  at: number;
  hint: HintFact;
  /** Epoch ms the hint stops applying (no TTL: until the next hint). */
  until?: number;
  /** Later calls within the hint's life: their region and whether it matched. */
  followers: { callId: string; region?: string; followed: boolean }[];
}

export interface PropositionTrack {
  id: string;
  scope?: string;
  activity?: string;
  experience?: string;
  provider?: string;
  items: number;
  decidedBy: string;
  pageId?: string;
  decidedAt: number;
  /** From the page's render events: `rendered`, `failed` (with the error), or unknown. */
  render?: { status: 'rendered' | 'failed' | 'started'; at: number; error?: string };
  /** The call carrying the display notification for this id, when one was seen. */
  displayedBy?: string;
  /** True when the display rode on another event (`includeRenderedPropositions`). */
  displayMerged?: boolean;
  /** Calls with an interact notification for this id. */
  interactions: string[];
}

export interface MediaSessionTrack {
  sessionId: string;
  events: { callId: string; at: number; event: string; playhead?: number }[];
  /** Milliseconds between consecutive pings, in order. */
  pingGaps: number[];
}

export interface VisitPageView {
  id: string;
  tabId: number;
  url: string;
  title?: string;
  startedAt: number;
  /** Ids of this page's calls, in time order. */
  callIds: string[];
  /** A later page in the same tab exists (or the session ended): the page was left. */
  left: boolean;
  renders: readonly RenderRecord[];
  /**
   * The Web SDK's monitors were heard on the page (render or SDK events): no render event there
   * means nothing rendered, not that the debugger could not tell.
   */
  monitored: boolean;
}

export interface Visit {
  /** Pages in time order; calls of no known page are under a page with id `(unknown page)`. */
  pages: VisitPageView[];
  /** Every call in time order, for the lanes' axis. */
  order: string[];
  identity: IdentityMark[];
  consent: ConsentMark[];
  consentSpans: ConsentSpan[];
  hints: HintMark[];
  propositions: PropositionTrack[];
  media: MediaSessionTrack[];
  /** What the visit cannot say, in words: calls without bodies, pages without render events. */
  missing: string[];
}

export const UNKNOWN_PAGE = '(unknown page)';
