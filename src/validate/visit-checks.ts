/**
 * The visit's built-in checks: each with a stable id, a plain title, an explanation that names
 * the calls involved, and what to check next. Pure, over a built visit (visit.ts). The command
 * line and the reports give them as rules `visit:<id>`.
 */
import { actionLabel } from '../edge/endpoint';
import type { VisitCall, Visit } from './visit-types';

export const VISIT_CHECKS = [
  'ecid-changed',
  'ecid-cookie-mismatch',
  'sent-after-consent-out',
  'hint-not-followed',
  'decision-not-displayed',
  'display-without-decision',
  'render-failed',
  'media-ping-gap',
] as const;

export type VisitCheckId = (typeof VISIT_CHECKS)[number];

export interface VisitFinding {
  check: VisitCheckId;
  /** `visit:<check>`: the rule id in reports and on the command line. */
  rule: string;
  status: 'warn' | 'fail';
  title: string;
  /** What happened, naming the calls (by their number in the list, `#12`) and values. */
  explanation: string;
  /** What to check next. */
  next: string;
  /** The calls involved, first the one the finding is about. */
  callIds: string[];
  pageId?: string;
}

/** Expected time between Media Edge pings during main content (docs/edge-protocol.md §3.3). */
export const MEDIA_PING_MS = 10_000;

interface Naming {
  /** `#12 interact` for a call id; the viewer's own numbering. */
  name(callId: string): string;
}

function finding(
  check: VisitCheckId,
  status: VisitFinding['status'],
  parts: Omit<VisitFinding, 'check' | 'rule' | 'status'>,
): VisitFinding {
  return { check, rule: `visit:${check}`, status, ...parts };
}

const short = (id: string) => (id.length > 48 ? `${id.slice(0, 45)}…` : id);

/** Runs every check over the visit. `calls` are the visit's calls (for names and actions). */
export function visitFindings(visit: Visit, calls: readonly VisitCall[]): VisitFinding[] {
  const byId = new Map(calls.map((c) => [c.id, c]));
  const position = new Map(visit.order.map((id, i) => [id, i + 1]));
  const naming: Naming = {
    name: (id) => {
      const call = byId.get(id);
      return `#${position.get(id) ?? '?'} ${call ? actionLabel(call.endpoint) : 'call'}`;
    },
  };
  return [
    ...ecidChanged(visit, naming),
    ...ecidCookieMismatch(visit, naming),
    ...sentAfterConsentOut(visit, naming),
    ...hintNotFollowed(visit, naming),
    ...decisionNotDisplayed(visit, naming),
    ...displayWithoutDecision(calls, visit, naming),
    ...renderFailed(visit, naming),
    ...mediaPingGap(visit, naming),
  ];
}

function ecidChanged(visit: Visit, n: Naming): VisitFinding[] {
  return visit.identity.flatMap((mark) =>
    mark.change
      ? [
          finding('ecid-changed', 'warn', {
            title: 'The ECID changed during the visit',
            explanation: `${n.name(mark.callId)} shows ECID ${mark.change.to}; before it the visitor was ${mark.change.from}. ${mark.change.words}`,
            next:
              mark.change.reason === 'cookie-not-sent'
                ? 'Check that the kndctr identity cookie survives between pages (its domain, a consent tool or a script clearing cookies, third-party cookie blocking on a non-first-party edge domain).'
                : 'Check the identity cookie and the datastream and org the pages configure; an ECID should stay the same for one visitor.',
            callIds: [mark.callId],
            ...(mark.pageId ? { pageId: mark.pageId } : {}),
          }),
        ]
      : [],
  );
}

function ecidCookieMismatch(visit: Visit, n: Naming): VisitFinding[] {
  return visit.identity.flatMap((mark) =>
    mark.fromResponse && mark.fromCookie && mark.fromResponse !== mark.fromCookie
      ? [
          finding('ecid-cookie-mismatch', 'fail', {
            title: 'identity:result and the identity cookie disagree',
            explanation: `${n.name(mark.callId)} returned ECID ${mark.fromResponse} in identity:result, but the identity cookie it set holds ${mark.fromCookie}.`,
            next: 'Later calls will send the cookie’s ECID. Check for a proxy or CDN rewriting the response, or a second Edge set-up writing the same cookie.',
            callIds: [mark.callId],
            ...(mark.pageId ? { pageId: mark.pageId } : {}),
          }),
        ]
      : [],
  );
}

function sentAfterConsentOut(visit: Visit, n: Naming): VisitFinding[] {
  return visit.consentSpans.flatMap((span) =>
    span.state === 'out' && span.callIds.length
      ? [
          finding('sent-after-consent-out', 'fail', {
            title: 'Events were sent after consent went out',
            explanation: `Consent went out at ${span.setBy ? n.name(span.setBy) : 'the start'}; after it ${span.callIds.length === 1 ? 'one event call was' : `${span.callIds.length} event calls were`} sent: ${span.callIds.slice(0, 5).map(n.name).join(', ')}${span.callIds.length > 5 ? '…' : ''}.`,
            next: 'The Web SDK drops events once consent is out, so these came from another client or a set-up that ignores consent: check which script sent them and the consent tool’s wiring.',
            callIds: span.callIds,
          }),
        ]
      : [],
  );
}

function hintNotFollowed(visit: Visit, n: Naming): VisitFinding[] {
  return visit.hints.flatMap((mark) => {
    const missed = mark.followers.filter((f) => !f.followed);
    if (!missed.length) return [];
    const first = missed[0];
    const went = first?.region ? `/${first.region}/` : 'no region';
    return [
      finding('hint-not-followed', 'warn', {
        title: 'A location hint was not followed',
        explanation: `${n.name(mark.callId)} pinned the visitor to /${mark.hint.pathSegment ?? '?'}/${mark.hint.ttlSeconds !== undefined ? ` for ${mark.hint.ttlSeconds} s` : ''}; within that time ${missed.length === 1 ? '1 call' : `${missed.length} calls`} went elsewhere (${first ? n.name(first.callId) : ''} went to ${went}).`,
        next: 'Check that the kndctr cluster cookie is kept (its domain and path) and that nothing rewrites the Edge URL; unpinned calls can reach another region that lacks the visitor’s session.',
        callIds: [mark.callId, ...missed.map((f) => f.callId)],
      }),
    ];
  });
}

function decisionNotDisplayed(visit: Visit, n: Naming): VisitFinding[] {
  const pages = new Map(visit.pages.map((p) => [p.id, p]));
  return visit.propositions.flatMap((track) => {
    const page = track.pageId === undefined ? undefined : pages.get(track.pageId);
    if (!page?.left || track.displayedBy) return [];
    const rendered = track.render?.status === 'rendered';
    // Without render events, a page-wide or view proposition is one the page renders.
    const renderable =
      !page.monitored && (track.scope === '__view__' || track.scope?.startsWith('web://'));
    if (!rendered && !renderable) return [];
    return [
      finding('decision-not-displayed', 'warn', {
        title: 'A proposition was shown but no display notification went out',
        explanation: `${track.activity ? `“${track.activity}”` : 'A proposition'} (scope ${track.scope ?? '?'}, from ${n.name(track.decidedBy)}) was ${rendered ? 'rendered' : 'returned for a scope the page renders'}, and the page was left without a display notification for it.`,
        next: 'Target and Journey Optimizer count no impression for it. If the page sets sendDisplayEvent: false, send the display with a later sendEvent (includeRenderedPropositions) or applyPropositions before the page is left.',
        callIds: [track.decidedBy],
        ...(track.pageId ? { pageId: track.pageId } : {}),
      }),
    ];
  });
}

function displayWithoutDecision(
  calls: readonly VisitCall[],
  visit: Visit,
  n: Naming,
): VisitFinding[] {
  const decided = new Set(visit.propositions.map((p) => p.id));
  const out: VisitFinding[] = [];
  for (const call of calls) {
    for (const notified of call.facts?.notified ?? []) {
      if (!notified.types.includes('display')) continue;
      const unknown = notified.ids.filter((id) => !decided.has(id));
      if (!unknown.length) continue;
      out.push(
        finding('display-without-decision', 'warn', {
          title: 'A display notification names a proposition no decision returned',
          explanation: `${n.name(call.id)} notified the display of ${unknown.map(short).join(', ')}, which no personalization:decisions in this session returned.`,
          next: 'If the decision came before capture started, this is expected. Otherwise check for propositions copied between pages or sites, or hand-built notifications.',
          callIds: [call.id],
          ...(call.pageId ? { pageId: call.pageId } : {}),
        }),
      );
    }
  }
  return out;
}

function renderFailed(visit: Visit, n: Naming): VisitFinding[] {
  const out: VisitFinding[] = [];
  for (const page of visit.pages) {
    for (const render of page.renders) {
      if (render.status !== 'rendering-failed') continue;
      const ids = render.propositions.map((p) => p.id);
      const decidedBy = visit.propositions.find((t) => ids.includes(t.id))?.decidedBy;
      out.push(
        finding('render-failed', 'fail', {
          title: 'The Web SDK could not render a proposition',
          explanation: `On ${page.title ?? page.url}, rendering ${ids.map(short).join(', ') || 'a proposition'}${render.propositions[0]?.scope ? ` (scope ${render.propositions[0].scope})` : ''} failed${render.error ? `: ${render.error}` : ''}${decidedBy ? `; it came from ${n.name(decidedBy)}` : ''}.`,
          next: 'Check that the offer’s selector exists on the page when it renders (single-page apps: render after the view is drawn) and that the action type is one the Web SDK supports.',
          callIds: decidedBy ? [decidedBy] : [],
          pageId: page.id,
        }),
      );
    }
  }
  return out;
}

function mediaPingGap(visit: Visit, n: Naming): VisitFinding[] {
  return visit.media.flatMap((session) => {
    const pings = session.events.filter((e) => e.event === 'ping');
    const gaps = session.pingGaps
      .map((gap, i) => ({ gap, from: pings[i], to: pings[i + 1] }))
      .filter((g) => g.gap > 2 * MEDIA_PING_MS);
    if (!gaps.length) return [];
    const worst = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
    return [
      finding('media-ping-gap', 'warn', {
        title: 'Media pings stopped for too long',
        explanation: `Media session ${short(session.sessionId)}: ${gaps.length === 1 ? 'one gap' : `${gaps.length} gaps`} between pings longer than ${(2 * MEDIA_PING_MS) / 1000} s, the longest ${(worst.gap / 1000).toFixed(1)} s (${worst.from ? n.name(worst.from.callId) : '?'} to ${worst.to ? n.name(worst.to.callId) : '?'}).`,
        next: 'Media Edge closes a session after missing pings. Check the player’s ping timer (every 10 s during content, every second during ads), and throttling of background tabs.',
        callIds: gaps
          .flatMap((g) => [g.from?.callId, g.to?.callId])
          .filter((id) => id !== undefined),
      }),
    ];
  });
}
