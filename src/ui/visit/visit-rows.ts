/**
 * The Visit view, pure: a built visit (validate/visit.ts) turned into display rows, one per page
 * and one per call that says something in a lane (identity, consent, routing, personalization,
 * media), each lane cell as lines of text. Also the names of calls (`#3 interact`, as the
 * findings name them) and the findings counted by status and grouped by call.
 */
import {
  UNKNOWN_PAGE,
  type EcidChangeReason,
  type PropositionTrack,
  type Visit,
  type VisitCall,
} from '../../validate/visit-types';
import { MEDIA_PING_MS, type VisitFinding } from '../../validate/visit-checks';

export const LANES = ['Identity', 'Consent', 'Routing', 'Personalization', 'Media'] as const;
export type Lane = (typeof LANES)[number];

export interface VisitPageRow {
  kind: 'page';
  key: string;
  /** `Demo Shop – Home`, else the URL, else "Calls of no known page". */
  label: string;
  url: string;
  /** Calls of this page in the visit, contributing or not. */
  callCount: number;
}

export interface VisitCallRow {
  kind: 'call';
  key: string;
  callId: string;
  /** `#3 interact`: its place in the visit (time order) and its action. */
  name: string;
  at: number;
  /** Seconds since its page started: `+1.2 s`. */
  offset: string;
  lanes: Record<Lane, string[]>;
  /** The most lines of any lane (at least 1): the row's height in lines. */
  lines: number;
  /** Findings that name this call. */
  findings: number;
}

export type VisitRow = VisitPageRow | VisitCallRow;

/** The ECID change reasons in a few words, for the Identity lane. */
export const REASON_WORDS: Record<EcidChangeReason, string> = {
  'cookie-not-sent': 'identity cookie was not sent',
  'other-cookie': 'another identity cookie was sent',
  'datastream-changed': 'the datastream changed',
  'org-changed': 'the org changed',
  authenticated: 'an authenticated id appeared',
  'edge-returned-another': 'Edge returned another ECID',
};

const VIA_WORDS = { request: 'set', answer: 'Edge answered', cookie: 'cookie' } as const;

/** `#3 interact` for every call of the visit, numbered in time order (as visit-checks.ts does). */
export function callNames(visit: Visit, calls: readonly VisitCall[]): Map<string, string> {
  const action = new Map(calls.map((c) => [c.id, c.endpoint.action ?? 'call']));
  return new Map(visit.order.map((id, i) => [id, `#${i + 1} ${action.get(id) ?? 'call'}`]));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `1 fail · 2 warn`, or `none` without findings. */
export function findingCounts(findings: readonly VisitFinding[]): string {
  const fail = findings.filter((f) => f.status === 'fail').length;
  const warn = findings.length - fail;
  const parts = [fail ? `${fail} fail` : '', warn ? `${warn} warn` : ''].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'none';
}

/** Findings by the ids of the calls they name. */
export function findingsByCall(
  findings: readonly VisitFinding[],
): ReadonlyMap<string, readonly VisitFinding[]> {
  const by = new Map<string, VisitFinding[]>();
  for (const finding of findings)
    for (const id of new Set(finding.callIds)) by.set(id, [...(by.get(id) ?? []), finding]);
  return by;
}

function renderWords(track: PropositionTrack): string {
  if (!track.render) return 'render unknown';
  if (track.render.status === 'failed')
    return `render failed${track.render.error ? `: ${track.render.error}` : ''}`;
  return track.render.status === 'rendered' ? 'rendered' : 'render started, no outcome';
}

function trackLines(track: PropositionTrack, name: (id: string) => string): string[] {
  const display = track.displayedBy
    ? `display notified by ${name(track.displayedBy)}${track.displayMerged ? ' (merged into another event)' : ' (own call)'}`
    : 'no display notification';
  const interactions = track.interactions.length
    ? `interactions: ${track.interactions.map(name).join(', ')}`
    : 'no interactions';
  return [
    [
      `scope ${track.scope ?? '?'}`,
      `activity ${track.activity ?? '?'}`,
      `experience ${track.experience ?? '?'}`,
      plural(track.items, 'item'),
    ].join(' · '),
    `→ ${renderWords(track)} → ${display} → ${interactions}`,
  ];
}

/** The lane lines of every call, by call id; calls that say nothing are left out. */
function laneLines(
  visit: Visit,
  calls: readonly VisitCall[],
  name: (id: string) => string,
): Map<string, Record<Lane, string[]>> {
  const lanes = new Map<string, Record<Lane, string[]>>();
  const of = (id: string) => {
    let entry = lanes.get(id);
    if (!entry) {
      entry = { Identity: [], Consent: [], Routing: [], Personalization: [], Media: [] };
      lanes.set(id, entry);
    }
    return entry;
  };

  for (const mark of visit.identity) {
    const lines = of(mark.callId).Identity;
    if (mark.ecid) lines.push(`ECID ${mark.ecid}`);
    if (mark.change)
      lines.push(`ECID changed from ${mark.change.from}: ${REASON_WORDS[mark.change.reason]}`);
    if (mark.fromResponse && mark.fromCookie && mark.fromResponse !== mark.fromCookie)
      lines.push(`identity cookie set holds ${mark.fromCookie}`);
    if (mark.cookieSent !== undefined)
      lines.push(`identity cookie sent: ${mark.cookieSent ? 'yes' : 'no'}`);
    if (mark.sent.length) lines.push(`identities sent: ${mark.sent.join(', ')}`);
  }

  for (const mark of visit.consent)
    of(mark.callId).Consent.push(`${mark.standard}: ${mark.state} (${VIA_WORDS[mark.via]})`);
  visit.consentSpans.forEach((span, i) => {
    const state =
      span.state === 'not yet known' ? 'consent not yet known' : `consent ${span.state}`;
    const before = visit.consentSpans[i - 1]?.state;
    if (span.setBy)
      of(span.setBy).Consent.push(
        `${before ? `consent ${before} → ${span.state}` : `now ${state}`}: ${plural(span.callIds.length, 'call')} sent while it held`,
      );
    for (const id of span.callIds) of(id).Consent.push(`sent while ${state}`);
  });

  const facts = new Map(calls.map((c) => [c.id, c.facts]));
  for (const mark of visit.hints) {
    const lines = of(mark.callId).Routing;
    for (const hint of facts.get(mark.callId)?.hints ?? [])
      lines.push(
        `hint ${hint.scope ?? '?'} ${hint.hint ?? '?'}${hint.ttlSeconds !== undefined ? `, TTL ${hint.ttlSeconds} s` : ''}`,
      );
    const followed = mark.followers.filter((f) => f.followed).length;
    lines.push(
      `pins /${mark.hint.pathSegment ?? '?'}/: ${followed} of ${plural(mark.followers.length, 'later call')} followed`,
    );
    for (const follower of mark.followers)
      of(follower.callId).Routing.push(
        follower.followed
          ? `to /${follower.region ?? ''}/: followed the hint of ${name(mark.callId)}`
          : `to ${follower.region ? `/${follower.region}/` : 'no region'}: did not follow /${mark.hint.pathSegment ?? '?'}/ of ${name(mark.callId)}`,
      );
  }

  const tracks = new Map(visit.propositions.map((t) => [t.id, t]));
  for (const track of visit.propositions) {
    of(track.decidedBy).Personalization.push(...trackLines(track, name));
    if (track.displayedBy)
      of(track.displayedBy).Personalization.push(
        `display of scope ${track.scope ?? '?'} from ${name(track.decidedBy)}${track.displayMerged ? ' (merged)' : ''}`,
      );
    for (const id of track.interactions)
      of(id).Personalization.push(
        `interaction with scope ${track.scope ?? '?'} from ${name(track.decidedBy)}`,
      );
  }
  for (const call of calls)
    for (const notified of call.facts?.notified ?? [])
      for (const id of notified.ids)
        if (!tracks.has(id))
          of(call.id).Personalization.push(
            `${notified.types.join(', ') || 'notification'} of ${id.length > 48 ? `${id.slice(0, 45)}…` : id}, which no decision returned`,
          );

  for (const session of visit.media) {
    const short =
      session.sessionId.length > 16 ? `${session.sessionId.slice(0, 15)}…` : session.sessionId;
    let lastPing: number | undefined;
    for (const event of session.events) {
      const playhead = event.playhead !== undefined ? ` at ${event.playhead} s` : '';
      let gap = '';
      if (event.event === 'ping') {
        if (lastPing !== undefined) {
          const ms = event.at - lastPing;
          gap = ` · ${seconds(ms)} since the last ping${ms > 2 * MEDIA_PING_MS ? ' (too long)' : ''}`;
        }
        lastPing = event.at;
      }
      of(event.callId).Media.push(`session ${short}: ${event.event}${playhead}${gap}`);
    }
  }
  return lanes;
}

/** The Visit view's rows: each page, then its calls that say something in a lane. */
export function visitRows(
  visit: Visit,
  calls: readonly VisitCall[],
  findings: readonly VisitFinding[] = [],
): VisitRow[] {
  const names = callNames(visit, calls);
  const name = (id: string) => names.get(id) ?? 'a call';
  const lanes = laneLines(visit, calls, name);
  const started = new Map(calls.map((c) => [c.id, c.startedAt]));
  const flagged = findingsByCall(findings);
  const rows: VisitRow[] = [];
  for (const page of visit.pages) {
    rows.push({
      kind: 'page',
      key: `page:${page.id}`,
      label:
        page.id === UNKNOWN_PAGE ? 'Calls of no known page' : page.title || page.url || page.id,
      url: page.url,
      callCount: page.callIds.length,
    });
    for (const id of page.callIds) {
      const lines = lanes.get(id);
      if (!lines) continue;
      const at = started.get(id) ?? page.startedAt;
      rows.push({
        kind: 'call',
        key: id,
        callId: id,
        name: name(id),
        at,
        offset: `+${seconds(Math.max(0, at - page.startedAt))}`,
        lanes: lines,
        lines: Math.max(1, ...LANES.map((lane) => lines[lane].length)),
        findings: flagged.get(id)?.length ?? 0,
      });
    }
  }
  return rows;
}
