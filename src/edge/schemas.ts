/**
 * Personalization schema URIs (docs/edge-protocol.md §5, alloy `core/src/constants/schema.js`):
 * a short name for display, while the full URI is always kept next to it.
 */

const PERSONALIZATION = 'https://ns.adobe.com/personalization/';
const OFFER_MANAGEMENT = 'https://ns.adobe.com/experience/offer-management/';

export interface SchemaRef {
  uri: string;
  /** `dom-action`, `message/in-app`, `offer-management/content-component-json`… */
  short: string;
}

/** The part after Adobe's namespace, or the URI itself when it is outside both namespaces. */
export function shortSchema(uri: string): string {
  if (uri.startsWith(PERSONALIZATION) && uri.length > PERSONALIZATION.length)
    return uri.slice(PERSONALIZATION.length);
  if (uri.startsWith(OFFER_MANAGEMENT) && uri.length > OFFER_MANAGEMENT.length)
    return `offer-management/${uri.slice(OFFER_MANAGEMENT.length)}`;
  return uri;
}

export function schemaRef(uri: string): SchemaRef {
  return { uri, short: shortSchema(uri) };
}
