/* global alloy */
/**
 * Demo shop behaviour, written the way a customer site would use the Web SDK. Every outcome is
 * written into an <output> so tests can wait on text instead of on timing.
 */
(() => {
  const cfg = window.demoConfig;
  const out = (id, text) => {
    document.getElementById(id).textContent = text;
  };
  const results = [];
  /** Also kept on window so a test can read the full history with page.evaluate. */
  window.demo = { results };

  /**
   * Runs an alloy command and reports `describe(result)` (default `ok`) or `error: <message>`
   * into `outputId`, plus `label: ...` into #last-status.
   */
  function track(label, outputId, promise, describe = () => 'ok') {
    out(outputId, 'pending');
    return promise.then(
      (value) => {
        results.push({ label, ok: true });
        out(outputId, describe(value));
        out('last-status', `${label}: ok`);
        return value;
      },
      (err) => {
        const message = String(err && err.message ? err.message : err);
        results.push({ label, ok: false, message });
        out(outputId, `error: ${message}`);
        out('last-status', `${label}: error: ${message}`);
        return undefined;
      },
    );
  }

  alloy('configure', {
    edgeDomain: cfg.edgeDomain,
    datastreamId: cfg.datastreamId,
    orgId: cfg.orgId,
    thirdPartyCookiesEnabled: false,
    // `?debug=1`: alloy also writes its log to the console (its monitors hear it either way).
    debugEnabled: cfg.debugEnabled,
    // We send our own link/unload events; alloy's automatic ones would double them up.
    clickCollectionEnabled: false,
    // `?consent=pending`: alloy holds every event until setConsent.
    ...(cfg.consentPending ? { defaultConsent: 'pending' } : {}),
  });

  if (cfg.pageView) {
    const scoped = cfg.scopes.length ? { decisionScopes: cfg.scopes } : undefined;
    // `?display=0`: alloy renders the propositions but keeps their display notification.
    const personalization = cfg.sendDisplayEvent ? scoped : { ...scoped, sendDisplayEvent: false };
    window.demo.pageView = track(
      'pageView',
      'pageview-status',
      alloy('sendEvent', {
        renderDecisions: true,
        personalization,
        xdm: {
          eventType: 'web.webpagedetails.pageViews',
          web: { webPageDetails: { name: cfg.pageName } },
        },
        data: { __adobe: { analytics: { pageName: cfg.pageName } } },
      }),
      (result) => `ok (${(result.propositions || []).length} propositions)`,
    );
  } else {
    out('pageview-status', 'skipped');
  }

  document.getElementById('add-to-cart').addEventListener('click', () => {
    track(
      'addToCart',
      'cart-status',
      alloy('sendEvent', {
        xdm: {
          eventType: 'web.webinteraction.linkClicks',
          web: {
            webInteraction: { name: 'Add to cart', type: 'other', linkClicks: { value: 1 } },
          },
          commerce: { productListAdds: { value: 1 } },
          productListItems: [{ SKU: 'trail-shoes-42', name: 'Trail Shoes', quantity: 1 }],
        },
      }),
    );
  });

  for (const general of ['in', 'out']) {
    document.getElementById(`consent-${general}`).addEventListener('click', () => {
      track(
        `setConsent ${general}`,
        'consent-status',
        alloy('setConsent', {
          consent: [{ standard: 'Adobe', version: '1.0', value: { general } }],
        }),
        () => `${general}: ok`,
      );
    });
  }

  document.getElementById('get-identity').addEventListener('click', () => {
    track(
      'getIdentity',
      'ecid',
      alloy('getIdentity').then((result) => {
        out('edge-region', String(result.edge && result.edge.regionId));
        return result;
      }),
      (result) => result.identity.ECID || '',
    );
  });

  // A command alloy rejects: its options fail validation (xdm must be an object).
  document.getElementById('bad-command').addEventListener('click', () => {
    track('badCommand', 'bad-status', alloy('sendEvent', { xdm: 'not an object' }));
  });

  /**
   * One exit event per page. documentUnloading makes alloy use sendBeacon -> /v1/collect, but
   * only once an identity cookie exists (else it sticks to fetch -> interact). Link clicks are
   * the reliable trigger (the page is still alive); pagehide catches reloads and page.goto().
   */
  let unloadSent = false;
  function sendUnload(reason, href) {
    if (unloadSent) return;
    unloadSent = true;
    alloy('sendEvent', {
      documentUnloading: true,
      xdm: {
        eventType: 'web.webinteraction.linkClicks',
        web: {
          webInteraction: {
            name: `exit: ${reason}`,
            type: 'other',
            URL: href || location.href,
            linkClicks: { value: 1 },
          },
        },
      },
    }).catch(() => {});
  }
  document.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link && link.origin === location.origin) sendUnload('link', link.href);
    },
    true,
  );
  window.addEventListener('pagehide', () => sendUnload('pagehide'));
})();
