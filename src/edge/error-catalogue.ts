/**
 * Plain-language causes and what to check, for the EXEG codes and HTTP statuses that
 * docs/edge-protocol.md §4.2–4.3 lists (sourced there from [dca] troubleshooting.md and [xpdocs]
 * error-handling.md). Keyed lookups use Maps: a code from the wire such as `constructor` must
 * never find an inherited property.
 */

export interface Explanation {
  /** A short name for the problem. */
  name: string;
  cause: string;
  check: string;
}

type Row = [codes: string[], name: string, cause: string, check: string];

const DATASTREAM_CHECK =
  'The configId (or datastreamId) in the URL: it must be a datastream of this org, in the right environment (a …:dev or …:prod suffix matters).';
const UPSTREAM_CHECK =
  'Which service the title or detail names (e.g. com.adobe.audiencemanager); the rest of the response was still processed. Usually transient.';
const AUTH_CHECK =
  'Server API credentials: the Bearer token, x-api-key, x-gw-ims-org-id and x-sandbox-name headers, and the product profile of the integration.';

// One row per code keeps the catalogue readable as a table.
// prettier-ignore
const EXEG_ROWS: Row[] = [
  [['0000'], 'Service unavailable', 'Edge Network was temporarily unavailable.', 'Retry later; alloy retries 503 up to three times. If it lasts, check Adobe status.'],
  [['0001'], 'Unexpected error', 'Edge failed while processing the request.', 'Retry once; if it repeats, keep the requestId and contact Adobe support.'],
  [['0002'], 'Missing datastream', 'The request named no datastream Edge could use.', DATASTREAM_CHECK],
  [['0003'], 'Invalid datastream ID', 'Edge does not know this datastream ID.', DATASTREAM_CHECK],
  [['0004'], 'Datastream disabled', 'The datastream exists but is disabled.', 'Enable the datastream in Data Collection, or point the site at the right one.'],
  [['0010', '0011', '0012', '0013'], 'Datastream configuration problem', 'The datastream configuration or its sandbox is not usable.', 'The datastream settings and services, and the sandbox it is mapped to.'],
  [['0100'], 'JSON processing error', 'Edge could not process the JSON of the request.', 'The request body: look for unusual values, very deep nesting or encoding problems.'],
  [['0101'], 'Invalid JSON', 'The request body is not valid JSON.', 'Whatever builds the body: a proxy, a custom fetch, or hand-written JSON.'],
  [['0102', '0103', '0105'], 'Invalid field', 'A field in the request has a wrong type or value.', 'The field named in detail or report; compare it with the XDM schema of the dataset.'],
  [['0104'], 'Validation failed', 'The request failed validation; report.errors says why.', 'Each entry of report.errors, in order; they name the path and the rule.'],
  [['0109'], 'Empty body', 'The request arrived with no body.', 'The code sending the call: the body was lost or never set.'],
  [['0111'], 'Unsupported content type', 'Edge accepts only JSON, Smile, text/plain and text/javascript bodies.', 'The Content-Type request header.'],
  [['0112'], 'Payload too large', 'The request is bigger than Edge accepts (64 KB of JSON per request).', 'What makes the body large: big data or XDM objects, or many events in one call.'],
  [['0113'], 'Invalid configuration overrides', 'meta.configOverrides is not valid for this datastream.', 'The edgeConfigOverrides in the SDK call and what the datastream allows to be overridden.'],
  [['0200'], 'Upstream timeout', 'A downstream service did not answer in time.', UPSTREAM_CHECK],
  [['0201'], 'Upstream unavailable', 'A downstream service was unavailable.', UPSTREAM_CHECK],
  [['0202', '0203'], 'Upstream failed', 'A downstream service answered with an error.', UPSTREAM_CHECK],
  [['0204'], 'Completed with warnings', 'The request was processed, but a service reported warnings.', 'The warning title and detail.'],
  [['0205'], 'Data exchange failed', 'Exchanging data with a downstream service failed.', UPSTREAM_CHECK],
  [['0301'], 'User consent missing', 'Edge ignored the request because the visitor has not consented to collection.', 'The consent cookie and setConsent calls; the datastream default consent. Nothing was collected for this event.'],
  [['0302'], 'Consent update not supported', 'This consent update cannot be applied.', 'The consent standard and version sent (Adobe 1.0 / 2.0, IAB TCF 2.0) and the datastream consent settings.'],
  [['0303'], 'Unauthorized namespaces', 'Some identity namespaces in the request are not allowed and were dropped.', 'The identityMap namespaces against the namespaces defined in the sandbox.'],
  [['0305', '0308'], 'Invalid identity', 'An identity in the request is not valid.', 'The identityMap entries: namespace codes, ids and authenticatedState values.'],
  [['0306'], 'No primary identity', 'No identity in the request is marked primary, and Edge needed one.', 'The identityMap: exactly one entry should have primary: true (a boolean).'],
  [['0400'], 'Geographic restriction', 'The request came from a region where the service is not available.', 'Where the traffic comes from (VPN, proxy, test location).'],
  [['0500', '0502', '0503'], 'Invalid or expired token', 'The Server API access token is invalid or expired.', AUTH_CHECK],
  [['0504', '0505'], 'Missing product context or scope', 'The credentials lack the product context or scope this call needs.', AUTH_CHECK],
  [['0506'], 'No write access to the sandbox', 'The credentials may not write to the sandbox.', AUTH_CHECK],
];

// prettier-ignore
const STATUS_ROWS: [number, string, string, string][] = [
  [207, 'Partial success', 'The request was processed, but some services failed (see errors[]).', 'Each entry of errors[]; alloy still ran its response handlers.'],
  [400, 'Bad request', 'Edge rejected the request as invalid.', 'The EXEG code, title and detail: datastream ID, JSON, fields, identities.'],
  [401, 'Unauthorized', 'Server API authentication failed.', AUTH_CHECK],
  [403, 'Forbidden', 'The request is not allowed (geographic restriction, or a v2 "Request Forbidden").', 'Where the traffic comes from and the credentials used.'],
  [408, 'Request timeout / empty body', 'Edge received no request body in time.', 'The code sending the call: the body was lost or never set.'],
  [409, 'Conflict', 'The consent update could not be applied.', 'The consent standard and version sent.'],
  [413, 'Payload too large', 'The request is bigger than Edge accepts (64 KB of JSON per request).', 'What makes the body large; send fewer or smaller events.'],
  [415, 'Unsupported media type', 'The Content-Type is not one Edge accepts.', 'The Content-Type request header.'],
  [422, 'Unprocessable', 'The datastream configuration or the request content failed validation.', 'The EXEG code, report.errors and the datastream settings.'],
  [429, 'Too many requests', 'Edge is rate limiting these calls.', 'Retry-After and the call rate; alloy retries up to three times.'],
  [500, 'Server error', 'Edge failed while processing the request.', 'Retry once; alloy does not retry a plain 500.'],
  [502, 'Bad gateway', 'An upstream service or an intermediary failed.', 'Whether the body is Edge JSON or an HTML page from a proxy or CDN; alloy retries.'],
  [503, 'Service unavailable', 'Edge or an upstream service is unavailable.', 'Retry-After; alloy retries up to three times.'],
  [504, 'Gateway timeout', 'An upstream service or an intermediary timed out.', 'Whether the body is Edge JSON or an HTML page; alloy retries.'],
];

const BY_CODE = new Map<string, Explanation>();
for (const [codes, name, cause, check] of EXEG_ROWS) {
  for (const code of codes) BY_CODE.set(code, { name, cause, check });
}
const BY_STATUS = new Map<number, Explanation>(
  STATUS_ROWS.map(([status, name, cause, check]) => [status, { name, cause, check }]),
);

const AREAS: [from: number, to: number, area: string][] = [
  [0, 13, 'service and datastream'],
  [100, 113, 'request input'],
  [200, 205, 'upstream services'],
  [300, 308, 'consent and identity'],
  [400, 400, 'geography'],
  [500, 506, 'authentication'],
];

/** The explanation for a 4-digit EXEG number (`0104`), if the reference knows it. */
export function explainExegCode(number: string): Explanation | undefined {
  return BY_CODE.get(number);
}

/** The explanation for an HTTP status; 207 only counts when the body carried errors. */
export function explainStatus(status: number, hasErrors = false): Explanation | undefined {
  if (status === 207 && !hasErrors) return undefined;
  return BY_STATUS.get(status);
}

/** "request input" for 0107: the documented range a code falls in, known or not. */
export function exegArea(number: string): string | undefined {
  if (!/^\d{4}$/.test(number)) return undefined;
  const n = Number(number);
  return AREAS.find(([from, to]) => n >= from && n <= to)?.[2];
}

/** Every code with an explanation, for tests and documentation. */
export function knownExegCodes(): string[] {
  return [...BY_CODE.keys()];
}

export function knownStatuses(): number[] {
  return [...BY_STATUS.keys()];
}
