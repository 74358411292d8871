/**
 * What the Web SDK itself makes of a response (docs/edge-protocol.md §2.3, alloy
 * `injectProcessWarningsAndErrors.js`): the command promise rejects when the status is not 2xx,
 * when the body does not parse (except 204), or when it parses without a `handle` array.
 * Otherwise alloy logs `errors[]` and `warnings[]` and carries on, 207 included.
 */
import type { EdgeEndpoint } from './endpoint';

/** What the verdict reads of a decoded response (decode-response.ts's DecodedResponse). */
export interface ResponseFacts {
  shape: string;
  handleArray: boolean;
  errors: readonly unknown[];
  warnings: readonly unknown[];
}

export interface AlloyVerdict {
  /** True when alloy rejects the command promise for this response. */
  failed: boolean;
  reason: string;
}

/** Alloy reads the responses of v1 interact, set-consent and acquire; never a beacon's. */
export function alloyReadsResponse(endpoint: EdgeEndpoint | undefined): boolean {
  if (endpoint?.version !== 'v1') return false;
  return ['interact', 'privacy/set-consent', 'identity/acquire'].includes(endpoint.action);
}

/** Alloy's rule (injectProcessWarningsAndErrors.js): the command fails when any of these holds. */
export function alloyVerdict(response: ResponseFacts, status: number): AlloyVerdict {
  if (status < 200 || status >= 300)
    return { failed: true, reason: `alloy rejects the command: status ${status} is not 2xx.` };
  const parsed = response.shape !== 'empty' && response.shape !== 'not-json';
  if (!parsed && status !== 204)
    return { failed: true, reason: 'alloy rejects the command: the body does not parse as JSON.' };
  if (parsed && !response.handleArray)
    return { failed: true, reason: 'alloy rejects the command: the body has no handle array.' };
  const logged = response.errors.length + response.warnings.length;
  return {
    failed: false,
    reason: logged
      ? 'alloy carries on and logs the errors and warnings.'
      : 'alloy handles the response normally.',
  };
}
