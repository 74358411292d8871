/**
 * `locationHint:result` (docs/edge-protocol.md §5): where Edge wants the next calls pinned. The
 * `EdgeNetwork` hint is the `/ee/{hint}/` path segment; the `Target` hint is the mbox edge
 * cluster number that alloy turns into `t{n}` when only mboxEdgeCluster is known; `AAM` is the
 * Audience Manager region.
 */
import { formatDuration } from './cookies';
import { describeType, field, finite, idText, isRecord } from './read';

export interface LocationHint {
  scope?: string;
  hint?: string;
  ttlSeconds?: number;
  /** "30 minutes", or "not given". */
  ttl: string;
  /** What the hint is for, in words. */
  meaning: string;
  /** The URL path segment this hint becomes (`or2`, `t35`), for EdgeNetwork and Target. */
  pathSegment?: string;
  notes: string[];
}

export function decodeLocationHint(entry: unknown): LocationHint {
  const notes: string[] = [];
  if (!isRecord(entry)) {
    notes.push(`The hint is ${describeType(entry)}, not an object.`);
    return { ttl: 'not given', meaning: 'unknown', notes };
  }
  const scope = idText(field(entry, 'scope'));
  const hint = idText(field(entry, 'hint'));
  const ttlSeconds = finite(field(entry, 'ttlSeconds'));
  if (hint === undefined) notes.push('The hint value is missing.');
  const ttl = ttlSeconds === undefined ? 'not given' : formatDuration(ttlSeconds);
  const view: LocationHint = { scope, hint, ttlSeconds, ttl, meaning: meaningOf(scope), notes };
  if (hint !== undefined && scope === 'EdgeNetwork') view.pathSegment = hint.toLowerCase();
  if (hint !== undefined && scope === 'Target') view.pathSegment = `t${hint}`.toLowerCase();
  return view;
}

function meaningOf(scope: string | undefined): string {
  switch (scope) {
    case 'EdgeNetwork':
      return 'Edge region: the /ee/{hint}/ path segment, kept in the kndctr cluster cookie';
    case 'Target':
      return 'Target edge cluster (mboxEdgeCluster); becomes the t{n} hint';
    case 'AAM':
      return 'Audience Manager region';
    default:
      return 'a scope this debugger does not know';
  }
}

export type HintVerdict = 'used' | 'other-region' | 'no-region' | 'no-hint';

export interface HintUsage {
  verdict: HintVerdict;
  /** The hint that applied (EdgeNetwork first, else Target). */
  hint?: LocationHint;
  region?: string;
  text: string;
}

/**
 * Did a later call (its `EdgeEndpoint.region`) use the hint from this response? The EdgeNetwork
 * hint wins; a `t{n}` region matches the Target hint. Case-insensitive.
 */
export function locationHintUsage(
  hints: readonly LocationHint[],
  region: string | undefined,
): HintUsage {
  const edge = hints.find((h) => h.scope === 'EdgeNetwork' && h.pathSegment !== undefined);
  const target = hints.find((h) => h.scope === 'Target' && h.pathSegment !== undefined);
  const hint = edge ?? target;
  const wanted = region?.toLowerCase();
  if (!hint?.pathSegment)
    return { verdict: 'no-hint', region, text: 'No EdgeNetwork or Target hint to compare with.' };
  if (wanted === undefined)
    return {
      verdict: 'no-region',
      hint,
      text: `The call was not region-pinned; the hint was ${hint.pathSegment}.`,
    };
  if (wanted === edge?.pathSegment || wanted === target?.pathSegment) {
    const used = wanted === edge?.pathSegment ? edge : target;
    return { verdict: 'used', hint: used, region, text: `The call used the hint: /${wanted}/.` };
  }
  return {
    verdict: 'other-region',
    hint,
    region,
    text: `The call went to /${wanted}/, not the hinted /${hint.pathSegment}/.`,
  };
}
