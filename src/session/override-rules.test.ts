import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import {
  TAGS_REGEX,
  callOverrideOf,
  checkOverride,
  edgeRegex,
  overrideRules,
  overrideWords,
  overridesOf,
  ruleIdsOf,
  slotOfRuleId,
  freeSlot,
  tabOverrideOf,
  tagsSubstitution,
  type RedirectRule,
  type TabOverride,
} from './override-rules';

const DS = '0b1e2c3d-aaaa-4bbb-8ccc-111122223333';
const ORIGINAL = '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63';

/** What the browser does with a redirect rule's transform (the part used here). */
function redirect(rule: RedirectRule, raw: string): string | undefined {
  if (!new RegExp(rule.condition.regexFilter).test(raw)) return undefined;
  const { transform, regexSubstitution } = rule.action.redirect;
  if (regexSubstitution !== undefined)
    return raw.replace(new RegExp(rule.condition.regexFilter), (...groups: unknown[]) =>
      regexSubstitution.replace(/\\(\d)/g, (_, n: string) => String(groups[Number(n)] ?? '')),
    );
  const url = new URL(raw);
  if (transform?.host) url.host = transform.host;
  for (const { key, value } of transform?.queryTransform?.addOrReplaceParams ?? [])
    url.searchParams.set(key, value);
  return url.toString();
}

function applyAll(rules: RedirectRule[], raw: string): string {
  for (const rule of rules) {
    const out = redirect(rule, raw);
    if (out) return out;
  }
  return raw;
}

const override = (extra: Partial<TabOverride> = {}): TabOverride => ({
  tabId: 7,
  slot: 2,
  since: 1000,
  datastreamId: DS,
  ...extra,
});

describe('overrideRules', () => {
  it.each([
    ['configId', `https://edge.adobedc.net/ee/v1/interact?configId=${ORIGINAL}&requestId=r1`],
    ['dataStreamId', `https://edge.adobedc.net/ee/or2/v1/collect?dataStreamId=${ORIGINAL}`],
    [
      'datastreamId',
      `https://data.example.com/ee-pre-prd/v2/interact?a=1&datastreamId=${ORIGINAL}`,
    ],
  ])('rewrites %s under its own name, keeping the rest', (param, url) => {
    const out = applyAll(overrideRules(override()), url);
    const endpoint = matchEdgeUrl(out);
    expect(endpoint?.datastreamId).toBe(DS);
    expect(endpoint?.datastreamParam).toBe(param);
    expect(new URL(out).host).toBe(new URL(url).host);
    expect(new URL(out).searchParams.get('requestId')).toBe(
      new URL(url).searchParams.get('requestId'),
    );
  });

  it('one rule per parameter name, each matching only its own name', () => {
    const rules = overrideRules(override());
    expect(rules.map((r) => r.condition.regexFilter)).toEqual([
      edgeRegex('configId'),
      edgeRegex('dataStreamId'),
      edgeRegex('datastreamId'),
    ]);
    const url = `https://edge.adobedc.net/ee/v1/interact?dataStreamId=${ORIGINAL}`;
    expect(rules.filter((r) => redirect(r, url)).map((r) => r.id)).toEqual([rules[1]!.id]);
    expect(rules.every((r) => r.condition.isUrlFilterCaseSensitive)).toBe(true);
  });

  it('leaves what is not an Edge call alone', () => {
    const rules = overrideRules(override({ edgeDomain: 'edge-other.example.com' }));
    for (const url of [
      `https://edge.adobedc.net/v1/collect?configId=${ORIGINAL}`,
      `https://example.com/ee/v1/interact`,
      `https://example.com/shop?configId=${ORIGINAL}`,
      `https://edge.adobedc.net/ee/v1/interact#configId=${ORIGINAL}`,
    ])
      expect(applyAll(rules, url)).toBe(url);
  });

  it('moves the host for an edge domain, with or without a datastream', () => {
    const url = `https://edge.adobedc.net/ee/v1/interact?configId=${ORIGINAL}`;
    const both = applyAll(overrideRules(override({ edgeDomain: 'data.example.com' })), url);
    expect(new URL(both).host).toBe('data.example.com');
    expect(matchEdgeUrl(both)?.datastreamId).toBe(DS);
    const domainOnly = applyAll(
      overrideRules({ tabId: 7, slot: 0, since: 1, edgeDomain: 'data.example.com' }),
      url,
    );
    expect(new URL(domainOnly).host).toBe('data.example.com');
    expect(matchEdgeUrl(domainOnly)?.datastreamId).toBe(ORIGINAL);
  });

  it('scopes every rule to the tab, with its slot’s fixed ids', () => {
    const big = override({ tabId: 1_234_567_890, tags: 'staging' });
    const rules = overrideRules(big);
    expect(rules).toHaveLength(4);
    for (const rule of rules) expect(rule.condition.tabIds).toEqual([1_234_567_890]);
    expect(rules.map((r) => r.id)).toEqual(ruleIdsOf(2));
    // Applying again gives the same ids (replaced, not added).
    expect(overrideRules(big).map((r) => r.id)).toEqual(ruleIdsOf(2));
  });

  it('gives each slot its own 32-bit ids, and finds the slot of an id', () => {
    const seen = new Set<number>();
    for (const slot of [0, 1, 2, 3, 1234, 100_000_000]) {
      for (const id of ruleIdsOf(slot)) {
        expect(id).toBeGreaterThanOrEqual(1);
        expect(id).toBeLessThan(2 ** 31);
        expect(seen.has(id)).toBe(false);
        seen.add(id);
        expect(slotOfRuleId(id)).toBe(slot);
      }
    }
    expect(freeSlot([])).toBe(0);
    expect(freeSlot([0, 1, 3])).toBe(2);
  });

  it('makes no rules for what is not asked', () => {
    expect(overrideRules({ tabId: 3, slot: 0, since: 1 })).toEqual([]);
    const tagsOnly = overrideRules({ tabId: 3, slot: 0, since: 1, tags: 'development' });
    expect(tagsOnly).toHaveLength(1);
    expect(tagsOnly[0]!.condition.resourceTypes).toEqual(['script']);
  });
});

describe('the Tags rule', () => {
  const rule = (env: 'development' | 'staging') =>
    overrideRules({ tabId: 2, slot: 0, since: 1, tags: env })[0]!;

  it.each([
    [
      'development',
      'https://assets.adobedtm.com/abc123/def456/launch-EN0123abcd.min.js',
      'https://assets.adobedtm.com/abc123/def456/launch-EN0123abcd-development.min.js',
    ],
    [
      'staging',
      'https://assets.adobedtm.com/launch-ENabc.min.js',
      'https://assets.adobedtm.com/launch-ENabc-staging.min.js',
    ],
  ] as const)('switches production to %s', (env, from, to) => {
    expect(redirect(rule(env), from)).toBe(to);
    expect(tagsSubstitution(env)).toContain(env);
  });

  it('leaves other environments and other scripts alone (no redirect loop)', () => {
    for (const url of [
      'https://assets.adobedtm.com/a/b/launch-EN0123-development.min.js',
      'https://assets.adobedtm.com/a/b/launch-EN0123-staging.min.js',
      'https://assets.adobedtm.com/a/b/satelliteLib-123.js',
      'https://cdn.example.com/launch-EN0123.min.js',
    ])
      expect(new RegExp(TAGS_REGEX).test(url)).toBe(false);
  });
});

describe('checkOverride', () => {
  it('accepts a datastream id, an edge domain and a Tags environment, trimmed', () => {
    expect(
      checkOverride({ datastreamId: ` ${DS} `, edgeDomain: 'Data.Example.com', tags: 'staging' }),
    ).toEqual({
      ok: true,
      request: { datastreamId: DS, edgeDomain: 'data.example.com', tags: 'staging' },
    });
    expect(checkOverride({ edgeDomain: 'localhost.test:8443' }).ok).toBe(true);
    expect(checkOverride({ datastreamId: DS, tags: 'production' })).toEqual({
      ok: true,
      request: { datastreamId: DS },
    });
  });

  it.each([
    [{}, /Give a datastream id/],
    [{ datastreamId: '  ' }, /Give a datastream id/],
    [{ datastreamId: 'a b' }, /datastream id may only/],
    [{ datastreamId: 'x&configId=y' }, /datastream id may only/],
    [{ datastreamId: 42 }, /must be text/],
    [{ edgeDomain: 'https://edge.adobedc.net' }, /edge domain must be a host/],
    [{ edgeDomain: 'edge.adobedc.net/ee' }, /edge domain must be a host/],
    [{ edgeDomain: 'localhost' }, /edge domain must be a host/],
    [{ tags: 'prod' }, /Tags environment/],
  ])('refuses %j', (input, message) => {
    const checked = checkOverride(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.join(' ')).toMatch(message);
  });

  it('refuses what is not an object', () => {
    for (const v of [null, undefined, 'x', 3]) expect(checkOverride(v).ok).toBe(false);
  });
});

describe('stored overrides', () => {
  it('reads back what was stored, and drops what is not an override', () => {
    const good = override({ original: ORIGINAL, edgeDomain: 'data.example.com' });
    const map = overridesOf({
      7: good,
      8: { tabId: 8, slot: 3, since: 1 },
      9: { tabId: -1, slot: 4, since: 1, datastreamId: DS },
      10: { tabId: 10, slot: 5, datastreamId: DS },
      11: { tabId: 11, slot: 6, since: 1, datastreamId: 'bad id' },
      12: { tabId: 12, since: 1, datastreamId: DS },
      13: { tabId: 13, slot: 2, since: 1, datastreamId: DS },
    });
    expect([...map.keys()]).toEqual([7]);
    expect(map.get(7)).toEqual(good);
    expect(tabOverrideOf('x')).toBeUndefined();
    expect(overridesOf(undefined).size).toBe(0);
  });
});

describe('callOverrideOf', () => {
  const call = (extra: Partial<Parameters<typeof callOverrideOf>[1]> = {}) => ({
    tabId: 7,
    startedAt: 2000,
    url: `https://edge.adobedc.net/ee/v1/interact?configId=${ORIGINAL}`,
    endpoint: { datastreamId: ORIGINAL },
    ...extra,
  });

  it('marks a call of the tab sent under the override with the datastream it was sent with', () => {
    expect(callOverrideOf(override(), call())).toEqual({ datastreamId: ORIGINAL, to: DS });
    expect(callOverrideOf(override({ edgeDomain: 'd.example.com' }), call())).toEqual({
      datastreamId: ORIGINAL,
      to: DS,
      edgeDomain: 'd.example.com',
    });
  });

  it('leaves other tabs, earlier calls, unmatched URLs and calls already on the target', () => {
    expect(callOverrideOf(undefined, call())).toBeUndefined();
    expect(callOverrideOf(override(), call({ tabId: 8 }))).toBeUndefined();
    expect(callOverrideOf(override(), call({ startedAt: 999 }))).toBeUndefined();
    expect(
      callOverrideOf(override(), call({ url: `https://e.example/v2/interact?configId=x` })),
    ).toBeUndefined();
    expect(callOverrideOf(override(), call({ endpoint: { datastreamId: DS } }))).toBeUndefined();
    expect(
      callOverrideOf({ tabId: 7, slot: 0, since: 1, tags: 'staging' }, call()),
    ).toBeUndefined();
  });
});

describe('overrideWords', () => {
  it('says what goes where, ids shortened', () => {
    expect(overrideWords({ datastreamId: DS, original: ORIGINAL })).toBe(
      'datastream 8d4c1f52… → 0b1e2c3d…',
    );
    expect(overrideWords({ edgeDomain: 'd.example.com', tags: 'staging' })).toBe(
      'edge domain → d.example.com, Tags library → staging',
    );
  });
});
