/**
 * The visit: a session's calls followed across pages, in lanes (identity, consent, routing,
 * personalization, media), from each call's stored facts (src/edge/visit-facts.ts) and each page's
 * render events (src/edge/render-event.ts). Pure and total: missing bodies, calls out of order,
 * several ECIDs, unknown standards give a visit that says what is missing; nothing throws.
 * The built-in checks over it are in visit-checks.ts.
 *
 * Validation sits below the session layer (docs/architecture.md, Layers), so calls and pages are
 * described by the fields the visit reads (visit-types.ts, with the visit's own shape);
 * src/session's CapturedCall and PageVisit fit them.
 */
import type { CallFacts, PropositionFact } from '../edge/visit-facts';
import {
  UNKNOWN_PAGE,
  type ConsentMark,
  type ConsentSpan,
  type EcidChangeReason,
  type HintMark,
  type IdentityMark,
  type MediaSessionTrack,
  type PropositionTrack,
  type Visit,
  type VisitCall,
  type VisitOptions,
  type VisitPage,
  type VisitPageView,
} from './visit-types';

function byTime(a: VisitCall, b: VisitCall): number {
  return a.startedAt - b.startedAt || a.seq - b.seq;
}

const isEventCall = (call: VisitCall) =>
  call.endpoint.action === 'interact' || call.endpoint.action === 'collect';

/** Builds the visit of these calls and pages. */
export function buildVisit(
  calls: readonly VisitCall[],
  pages: readonly VisitPage[],
  options: VisitOptions = {},
): Visit {
  const sorted = [...calls].sort(byTime);
  const visit: Visit = {
    pages: pageViews(sorted, pages, options),
    order: sorted.map((c) => c.id),
    identity: identityLane(sorted),
    consent: [],
    consentSpans: [],
    hints: hintLane(sorted),
    propositions: [],
    media: mediaLane(sorted),
    missing: [],
  };
  consentLane(sorted, visit);
  visit.propositions = propositionLane(sorted, visit.pages);
  const noRequest = sorted.filter((c) => !c.request?.captured).length;
  const noResponse = sorted.filter(
    (c) => !c.response?.captured && c.endpoint.action === 'interact',
  ).length;
  if (noRequest)
    visit.missing.push(`${noRequest} of ${sorted.length} calls have no request body here.`);
  if (noResponse)
    visit.missing.push(
      `${noResponse} interact calls have no response body here: their ECID, hints and decisions are unknown.`,
    );
  const unread = sorted.filter(
    (c) => (c.request?.captured || c.response?.captured) && c.facts === undefined,
  ).length;
  if (unread)
    visit.missing.push(
      `${unread} calls have bodies but were stored before this version read visits: import them again to include them.`,
    );
  const silentPages = visit.pages.filter(
    (p) => p.id !== UNKNOWN_PAGE && !p.monitored && pageDecisions(visit, p.id) > 0,
  ).length;
  if (silentPages)
    visit.missing.push(
      `${silentPages} pages got decisions but no render events were recorded there: whether they rendered is unknown.`,
    );
  return visit;
}

function pageDecisions(visit: Visit, pageId: string): number {
  return visit.propositions.filter((p) => p.pageId === pageId).length;
}

function pageViews(
  sorted: readonly VisitCall[],
  pages: readonly VisitPage[],
  options: VisitOptions,
): VisitPageView[] {
  const views = new Map<string, VisitPageView>();
  for (const page of [...pages].sort((a, b) => a.startedAt - b.startedAt)) {
    views.set(page.id, {
      id: page.id,
      tabId: page.tabId,
      url: page.url,
      ...(page.title ? { title: page.title } : {}),
      startedAt: page.startedAt,
      callIds: [],
      left: false,
      renders: [...(page.renders ?? [])].sort((a, b) => a.at - b.at),
      monitored: (page.renders?.length ?? 0) > 0 || (page.sdk?.length ?? 0) > 0,
    });
  }
  for (const call of sorted) {
    const id = call.pageId !== undefined && views.has(call.pageId) ? call.pageId : UNKNOWN_PAGE;
    let view = views.get(id);
    if (!view) {
      view = {
        id,
        tabId: call.tabId,
        url: '',
        startedAt: call.startedAt,
        callIds: [],
        left: false,
        renders: [],
        monitored: false,
      };
      views.set(id, view);
    }
    view.callIds.push(call.id);
  }
  const ordered = [...views.values()].sort((a, b) => a.startedAt - b.startedAt);
  for (const view of ordered) {
    const later = ordered.some(
      (other) => other.tabId === view.tabId && other.startedAt > view.startedAt,
    );
    view.left = options.ended === true || later;
  }
  return ordered;
}

function identityLane(sorted: readonly VisitCall[]): IdentityMark[] {
  const marks: IdentityMark[] = [];
  let current: { ecid: string; datastreamId?: string; orgId?: string } | undefined;
  const authenticated = new Set<string>();
  for (const call of sorted) {
    const facts = call.facts;
    if (!facts) continue;
    const ecid = facts.ecid ?? facts.ecidStored ?? facts.ecidSent;
    const sent = (facts.identities ?? []).map((i) => `${i.namespace} (${i.authenticatedState})`);
    const newAuth = (facts.identities ?? []).filter(
      (i) =>
        i.authenticatedState === 'authenticated' && !authenticated.has(`${i.namespace}:${i.id}`),
    );
    for (const i of newAuth) authenticated.add(`${i.namespace}:${i.id}`);
    if (ecid === undefined && !sent.length) continue;
    const mark: IdentityMark = {
      callId: call.id,
      at: call.startedAt,
      ...(call.pageId ? { pageId: call.pageId } : {}),
      ...(ecid ? { ecid } : {}),
      ...(facts.ecid ? { fromResponse: facts.ecid } : {}),
      ...(facts.ecidStored ? { fromCookie: facts.ecidStored } : {}),
      ...(facts.identityCookieSent !== undefined ? { cookieSent: facts.identityCookieSent } : {}),
      sent,
    };
    if (ecid !== undefined && current && ecid !== current.ecid) {
      const reason = changeReason(facts, current, newAuth.length > 0);
      mark.change = {
        from: current.ecid,
        to: ecid,
        reason,
        words: reasonWords(
          reason,
          facts,
          current,
          newAuth.map((i) => i.namespace),
        ),
      };
    }
    if (ecid !== undefined)
      current = {
        ecid,
        ...(facts.datastreamId ? { datastreamId: facts.datastreamId } : {}),
        ...(facts.orgId ? { orgId: facts.orgId } : {}),
      };
    marks.push(mark);
  }
  return marks;
}

function changeReason(
  facts: CallFacts,
  before: { ecid: string; datastreamId?: string; orgId?: string },
  newAuthenticated: boolean,
): EcidChangeReason {
  if (facts.orgId && before.orgId && facts.orgId !== before.orgId) return 'org-changed';
  if (facts.identityCookieSent === false) return 'cookie-not-sent';
  if (facts.ecidSent && facts.ecidSent !== before.ecid) return 'other-cookie';
  if (facts.datastreamId && before.datastreamId && facts.datastreamId !== before.datastreamId)
    return 'datastream-changed';
  if (newAuthenticated) return 'authenticated';
  return 'edge-returned-another';
}

function reasonWords(
  reason: EcidChangeReason,
  facts: CallFacts,
  before: { ecid: string; datastreamId?: string; orgId?: string },
  namespaces: string[],
): string {
  switch (reason) {
    case 'cookie-not-sent':
      return 'The identity cookie was not sent with this call, so Edge saw a new visitor: the cookie was cleared or blocked, or this is another browser profile.';
    case 'other-cookie':
      return `The call carried another identity cookie (ECID ${facts.ecidSent ?? ''}): the cookie was replaced between calls.`;
    case 'datastream-changed':
      return `The datastream changed from ${before.datastreamId ?? '?'} to ${facts.datastreamId ?? '?'}.`;
    case 'org-changed':
      return `The org changed from ${before.orgId ?? '?'} to ${facts.orgId ?? '?'}: ECIDs are per org.`;
    case 'authenticated':
      return `An authenticated id appeared (${namespaces.join(', ')}): Edge may have stitched the visitor to another ECID.`;
    case 'edge-returned-another':
      return 'The identity cookie was sent, yet Edge returned another ECID.';
  }
}

function consentLane(sorted: readonly VisitCall[], visit: Visit): void {
  let span: ConsentSpan = { state: 'not yet known', from: sorted[0]?.startedAt ?? 0, callIds: [] };
  visit.consentSpans.push(span);
  for (const call of sorted) {
    const facts = call.facts;
    const isSetConsent = call.endpoint.action === 'privacy/set-consent';
    if (!isSetConsent && isEventCall(call)) span.callIds.push(call.id);
    if (!facts) continue;
    const marks: ConsentMark[] = [];
    const where = {
      callId: call.id,
      at: call.startedAt,
      ...(call.pageId ? { pageId: call.pageId } : {}),
    };
    for (const set of facts.consentSet ?? [])
      marks.push({ ...where, standard: set.standard, state: set.state, via: 'request' });
    if (facts.consentAnswered)
      marks.push({ ...where, standard: 'Adobe 2.0', state: facts.consentAnswered, via: 'answer' });
    if (facts.consentCookie)
      marks.push({
        ...where,
        standard: 'consent cookie',
        state: facts.consentCookie,
        via: 'cookie',
      });
    visit.consent.push(...marks);
    // Edge's word (answer, cookie) wins over the request; a failed call set nothing.
    if (call.state === 'failed' || (call.status !== undefined && call.status >= 400)) continue;
    const known = marks.filter((m) => m.state !== 'unknown');
    const decided =
      known.find((m) => m.via === 'answer') ??
      known.find((m) => m.via === 'cookie') ??
      known.find((m) => m.via === 'request');
    if (decided && decided.state !== span.state) {
      span = { state: decided.state, from: call.startedAt, setBy: call.id, callIds: [] };
      visit.consentSpans.push(span);
    }
  }
}

function hintLane(sorted: readonly VisitCall[]): HintMark[] {
  const marks: HintMark[] = [];
  let active: HintMark | undefined;
  for (const call of sorted) {
    if (active && (active.until === undefined || call.startedAt <= active.until)) {
      if (active.hint.pathSegment && !call.endpoint.media && call.endpoint.host) {
        const region = call.endpoint.region?.toLowerCase();
        active.followers.push({
          callId: call.id,
          ...(region ? { region } : {}),
          followed: region === active.hint.pathSegment,
        });
      }
    }
    const hints = call.facts?.hints ?? [];
    const hint =
      hints.find((h) => h.scope === 'EdgeNetwork' && h.pathSegment) ??
      hints.find((h) => h.scope === 'Target' && h.pathSegment);
    if (hint) {
      active = {
        callId: call.id,
        at: call.startedAt,
        hint,
        ...(hint.ttlSeconds !== undefined
          ? { until: call.startedAt + hint.ttlSeconds * 1000 }
          : {}),
        followers: [],
      };
      marks.push(active);
    }
  }
  return marks;
}

function propositionLane(
  sorted: readonly VisitCall[],
  pages: readonly VisitPageView[],
): PropositionTrack[] {
  // Target ids name an activity and experience, so the same id comes back on every page: each
  // decision is a track of its own, and a notification belongs to the latest one before it.
  const tracks: PropositionTrack[] = [];
  const latest = new Map<string, PropositionTrack>();
  const pageOf = new Map(pages.map((p) => [p.id, p]));
  for (const call of sorted) {
    for (const notified of call.facts?.notified ?? []) {
      for (const id of notified.ids) {
        const track = latest.get(id);
        if (!track) continue;
        if (notified.types.includes('display') && !track.displayedBy) {
          track.displayedBy = call.id;
          if (notified.eventType && !notified.eventType.startsWith('decisioning.'))
            track.displayMerged = true;
        }
        if (notified.types.some((t) => t !== 'display') && !track.interactions.includes(call.id))
          track.interactions.push(call.id);
      }
    }
    for (const p of call.facts?.propositions ?? []) {
      if (latest.get(p.id)?.decidedBy === call.id) continue;
      const next = track(p, call);
      tracks.push(next);
      latest.set(p.id, next);
    }
  }
  for (const track of tracks) {
    const page = track.pageId === undefined ? undefined : pageOf.get(track.pageId);
    for (const render of page?.renders ?? []) {
      if (render.at < track.decidedAt - 1000) continue;
      if (!render.propositions.some((r) => r.id === track.id)) continue;
      if (render.status === 'rendering-failed')
        track.render = {
          status: 'failed',
          at: render.at,
          ...(render.error ? { error: render.error } : {}),
        };
      else if (
        (render.status === 'rendering-succeeded' || render.status === 'rendering-redirect') &&
        track.render?.status !== 'failed'
      )
        track.render = { status: 'rendered', at: render.at };
      else if (render.status === 'rendering-started' && !track.render)
        track.render = { status: 'started', at: render.at };
    }
  }
  return tracks;
}

function track(p: PropositionFact, call: VisitCall): PropositionTrack {
  return {
    id: p.id,
    ...(p.scope ? { scope: p.scope } : {}),
    ...(p.activity ? { activity: p.activity } : {}),
    ...(p.experience ? { experience: p.experience } : {}),
    ...(p.provider ? { provider: p.provider } : {}),
    items: p.items,
    decidedBy: call.id,
    ...(call.pageId ? { pageId: call.pageId } : {}),
    decidedAt: call.startedAt,
    interactions: [],
  };
}

function mediaLane(sorted: readonly VisitCall[]): MediaSessionTrack[] {
  const sessions = new Map<string, MediaSessionTrack>();
  const get = (id: string) => {
    let session = sessions.get(id);
    if (!session) {
      session = { sessionId: id, events: [], pingGaps: [] };
      sessions.set(id, session);
    }
    return session;
  };
  for (const call of sorted) {
    const facts = call.facts;
    if (!facts) continue;
    // sessionStart carries no id yet: Edge's answer opens it.
    for (const id of facts.mediaSessionsOpened ?? [])
      get(id).events.push({ callId: call.id, at: call.startedAt, event: 'sessionStart' });
    for (const event of facts.media ?? []) {
      if (!event.sessionId) continue;
      get(event.sessionId).events.push({
        callId: call.id,
        at: call.startedAt,
        event: event.event,
        ...(event.playhead !== undefined ? { playhead: event.playhead } : {}),
      });
    }
  }
  for (const session of sessions.values()) {
    const pings = session.events.filter((e) => e.event === 'ping');
    for (let i = 1; i < pings.length; i++)
      session.pingGaps.push((pings[i]?.at ?? 0) - (pings[i - 1]?.at ?? 0));
  }
  return [...sessions.values()];
}
