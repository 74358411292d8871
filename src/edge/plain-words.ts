/**
 * Plain words for people who never open DevTools: one line per event ("Page view: home",
 * "Link click: Add to cart", "Personalization: 2 offers", "Consent: in"), plus the visitor's
 * consent state and ECID across a tab's calls. Pure, from decodeCall's output.
 */
import type { DecodedCall } from './decode-call';
import type { DecodedEvent } from './request-event';

export interface PlainLine {
  text: string;
  /** The call failed or Edge reported errors: the popup highlights it. */
  problem: boolean;
}

const EVENT_WORDS = new Map<string, string>([
  ['web.webpagedetails.pageViews', 'Page view'],
  ['web.webinteraction.linkClicks', 'Link click'],
  ['decisioning.propositionDisplay', 'Personalization shown'],
  ['decisioning.propositionInteract', 'Personalization clicked'],
  ['decisioning.propositionTrigger', 'Personalization triggered'],
  ['decisioning.propositionDismiss', 'Personalization dismissed'],
  ['decisioning.propositionSuppressDisplay', 'Personalization suppressed'],
  ['commerce.productViews', 'Product view'],
  ['commerce.productListAdds', 'Add to cart'],
  ['commerce.productListRemovals', 'Remove from cart'],
  ['commerce.productListOpens', 'Cart opened'],
  ['commerce.checkouts', 'Checkout'],
  ['commerce.purchases', 'Purchase'],
  ['media.sessionStart', 'Video started'],
  ['media.sessionComplete', 'Video completed'],
]);

function get(value: unknown, ...keys: string[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function eventWords(event: DecodedEvent): string {
  const type = event.eventType;
  const linkName = get(event.xdm, 'web', 'webInteraction', 'name');
  if (!type) return 'Event without a type';
  const words =
    EVENT_WORDS.get(type) ?? (type.startsWith('media.') ? `Video: ${type.slice(6)}` : type);
  if (type === 'web.webpagedetails.pageViews' && event.pageName)
    return `${words}: ${event.pageName}`;
  if (type === 'web.webinteraction.linkClicks' && typeof linkName === 'string')
    return `${words}: ${linkName}`;
  return words;
}

function offerCount(call: DecodedCall): number | undefined {
  let found = false;
  let offers = 0;
  for (const handle of call.response?.handles ?? []) {
    if (handle.view.kind !== 'personalization:decisions') continue;
    found = true;
    offers += handle.view.propositions.filter((p) => p.items.length > 0).length;
  }
  return found ? offers : undefined;
}

function consentWords(call: DecodedCall): string | undefined {
  const general = call.request?.consent
    .flatMap((entry) => entry.choices)
    .find((choice) => choice.purpose === 'general' || choice.purpose === 'collect');
  return general ? `Consent: ${general.value}` : undefined;
}

/** The lines one call contributes, in body order. */
export function plainLines(call: DecodedCall, failed: boolean): PlainLine[] {
  const problem = failed || call.errorCount > 0;
  const lines: string[] = [];
  const consent = consentWords(call);
  if (consent) lines.push(consent);
  else if (call.action === 'acquire') lines.push('Identity lookup');
  for (const event of call.request?.events ?? []) lines.push(eventWords(event));
  const offers = offerCount(call);
  if (offers !== undefined)
    lines.push(`Personalization: ${offers === 1 ? '1 offer' : `${offers} offers`}`);
  if (!lines.length) lines.push(call.action);
  const out = lines.map((text) => ({ text, problem }));
  for (const error of call.errors) {
    if (error.severity !== 'warning')
      out.push({ text: `Error: ${error.title ?? error.line}`, problem: true });
  }
  return out;
}

export interface VisitorState {
  /** `in`, `out`, `pending`… from the latest consent sent or stored; undefined when unknown. */
  consent?: string;
  ecid?: string;
}

/** Consent and ECID as of the latest calls (later calls win). */
export function visitorState(calls: readonly DecodedCall[]): VisitorState {
  const state: VisitorState = {};
  for (const call of calls) {
    const sent = consentWords(call)?.slice('Consent: '.length);
    const stored = call.response?.handles
      .flatMap((h) => (h.view.kind === 'state:store' ? h.view.cookies : []))
      .flatMap((row) => row.consent ?? [])
      .find((pair) => pair.name === 'general')?.value;
    const consent = stored ?? sent;
    if (consent) state.consent = consent;
    const ecid =
      call.identity.ecidFromResponse ??
      call.identity.ecidFromStoredCookie ??
      call.identity.ecidFromSentCookie;
    if (ecid) state.ecid = ecid;
  }
  return state;
}
