/**
 * `window.lab`: hand-made Edge requests for tests, without alloy, so a test controls the exact
 * transport (fetch, XHR, sendBeacon with string or Blob), body and query string. Every helper
 * sends credentials like alloy does, so the simulator's cookies come back.
 */
(() => {
  const cfg = window.demoConfig;
  /** Headers the simulator exposes to credentialed CORS (plus content-type, always readable). */
  const READABLE = ['content-type', 'x-adobe-edge', 'retry-after', 'x-request-id'];
  const TEXT_PLAIN = 'text/plain; charset=UTF-8';
  const results = [];

  /**
   * Absolute Edge URL: `path` may be absolute already or carry its own query; `query` entries are
   * appended (null/undefined skipped, so a test can leave configId out on purpose).
   */
  function edgeUrl(path, query = {}, host = lab.edgeHost) {
    const url = new URL(path, `https://${host}`);
    for (const [key, value] of Object.entries(query || {})) {
      if (value !== null && value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  function log(entry) {
    results.push(entry);
    document.getElementById('lab-log').textContent = `${results.length} results`;
    return entry;
  }

  function pick(getHeader) {
    const headers = {};
    for (const name of READABLE) {
      const value = getHeader(name);
      if (value !== null && value !== '') headers[name] = value;
    }
    return headers;
  }

  /**
   * Reads a response body the way `read` says, as pages do: text() (alloy), json(), arrayBuffer(),
   * blob(), the body stream, or not at all ('none': the page never touches the body).
   */
  async function readAs(res, read) {
    switch (read) {
      case 'json':
        return JSON.stringify(await res.json());
      case 'arrayBuffer':
        return new TextDecoder().decode(await res.arrayBuffer());
      case 'blob':
        return (await res.blob()).text();
      case 'stream': {
        const reader = res.body.getReader();
        const parts = [];
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parts.push(value);
        }
        return new Blob(parts).text();
      }
      case 'none':
        return '';
      default:
        return res.text();
    }
  }

  const lab = {
    datastreamId: cfg.datastreamId,
    orgId: cfg.orgId,
    edgeHost: cfg.edgeDomain,
    results,
    edgeUrl,

    /** A minimal v1 interact body like alloy's page view, for tests that just need a valid one. */
    interactBody(name = 'lab') {
      return JSON.stringify({
        events: [
          {
            xdm: {
              eventType: 'web.webpagedetails.pageViews',
              web: { webPageDetails: { name, URL: window.location.href } },
              timestamp: new Date().toISOString(),
            },
          },
        ],
        query: { identity: { fetch: ['ECID'] } },
        meta: { state: { domain: '', cookiesEnabled: true } },
      });
    },

    /**
     * fetch with credentials; resolves `{status, text, headers}` or `{status: 0, error}` on a
     * network error (e.g. the simulator's `drop` switch). Never rejects.
     */
    async fetchEdge(
      path,
      body,
      { query, method = 'POST', contentType = TEXT_PLAIN, host, read = 'text' } = {},
    ) {
      const url = edgeUrl(path, query, host);
      try {
        const init = { method, credentials: 'include', cache: 'no-cache' };
        if (method !== 'GET' && method !== 'HEAD') {
          init.body = body;
          init.headers = { 'Content-Type': contentType };
        }
        const res = await fetch(url, init);
        const text = await readAs(res, read);
        return log({
          via: read === 'text' ? 'fetch' : `fetch/${read}`,
          url,
          status: res.status,
          text,
          headers: pick((n) => res.headers.get(n)),
        });
      } catch (err) {
        const via = read === 'text' ? 'fetch' : `fetch/${read}`;
        return log({ via, url, status: 0, text: '', error: String(err) });
      }
    },

    /** Same contract as fetchEdge, over XMLHttpRequest with withCredentials. */
    xhrEdge(path, body, { query, method = 'POST', contentType = TEXT_PLAIN, host } = {}) {
      const url = edgeUrl(path, query, host);
      return new Promise((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open(method, url);
        xhr.withCredentials = true;
        xhr.setRequestHeader('Content-Type', contentType);
        xhr.onload = () =>
          resolve(
            log({
              via: 'xhr',
              url,
              status: xhr.status,
              text: xhr.responseText,
              headers: pick((n) => xhr.getResponseHeader(n)),
            }),
          );
        xhr.onerror = () =>
          resolve(log({ via: 'xhr', url, status: 0, text: '', error: 'network error' }));
        xhr.send(body);
      });
    },

    /**
     * navigator.sendBeacon with a string (Chromium: raw bytes in webRequest) or a Blob
     * (alloy's way; webRequest sees no bytes). Returns sendBeacon's boolean: there is no response.
     */
    beaconEdge(path, body, asBlob = false, { query, host } = {}) {
      const url = edgeUrl(path, query, host);
      const payload = asBlob ? new Blob([body], { type: TEXT_PLAIN }) : body;
      const queued = navigator.sendBeacon(url, payload);
      log({ via: 'beacon', url, queued, asBlob });
      return queued;
    },

    /**
     * n interact calls, one every intervalMs, each with its own requestId; resolves (after all
     * responses) to the requestIds in send order.
     */
    async burst(n, intervalMs = 0, { path = '/ee/v1/interact', query = {} } = {}) {
      const ids = [];
      const pending = [];
      for (let i = 0; i < n; i += 1) {
        const requestId = crypto.randomUUID();
        ids.push(requestId);
        const q = { configId: lab.datastreamId, ...query, requestId };
        pending.push(lab.fetchEdge(path, lab.interactBody(`burst ${i + 1}/${n}`), { query: q }));
        if (intervalMs > 0 && i < n - 1) await new Promise((r) => setTimeout(r, intervalMs));
      }
      await Promise.all(pending);
      return ids;
    },
  };
  window.lab = lab;
})();
