/**
 * Builders for the command line's tests: an in-memory disk, a HAR as Playwright and Chrome write
 * it, and a plan that requires the page name (a HAR of a visit: session/test-visit-har.ts).
 */
import { runValidate, type CliIo } from './validate';

/** An in-memory disk; a path under /readonly/ cannot be written. */
export function memory(files: Record<string, string>) {
  const out = { stdout: '', stderr: '', written: {} as Record<string, string> };
  const io: CliIo = {
    readFile(path) {
      if (!Object.hasOwn(files, path))
        throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path] ?? '';
    },
    writeFile(path, text) {
      if (path.startsWith('/readonly/'))
        throw new Error(`EACCES: permission denied, open '${path}'`);
      out.written[path] = text;
    },
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
  };
  return { io, out };
}

export const EDGE_URL = 'https://edge.adobedc.net/ee/v1/interact?configId=abc&requestId=r-1';

export function edgeBody(name?: string): string {
  const webPageDetails: Record<string, string> = { URL: 'https://shop.example/' };
  if (name !== undefined) webPageDetails.name = name;
  return JSON.stringify({
    events: [{ xdm: { eventType: 'web.webpagedetails.pageViews', web: { webPageDetails } } }],
  });
}

/** A HAR as Playwright's recordHar (content: 'embed') and Chrome's "Save all as HAR" write it. */
export function har(name?: string, version = '1.2'): string {
  const started = '2026-01-02T03:04:05.000Z';
  return JSON.stringify({
    log: {
      version,
      creator: { name: 'Playwright', version: '1.65.1' },
      browser: { name: 'chromium', version: '140.0' },
      pages: [
        {
          startedDateTime: started,
          id: 'page@1',
          title: 'https://shop.example/',
          pageTimings: { onContentLoad: -1, onLoad: -1 },
        },
      ],
      entries: [
        {
          pageref: 'page@1',
          startedDateTime: started,
          time: 12,
          request: {
            method: 'GET',
            url: 'https://shop.example/',
            httpVersion: 'HTTP/2.0',
            cookies: [],
            headers: [],
            queryString: [],
            headersSize: -1,
            bodySize: 0,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/2.0',
            cookies: [],
            headers: [],
            content: { size: 14, mimeType: 'text/html', text: '<html></html>' },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: 10, receive: 2 },
        },
        {
          pageref: 'page@1',
          startedDateTime: started,
          time: 48,
          request: {
            method: 'POST',
            url: EDGE_URL,
            httpVersion: 'HTTP/2.0',
            cookies: [],
            headers: [{ name: 'Content-Type', value: 'text/plain;charset=UTF-8' }],
            queryString: [
              { name: 'configId', value: 'abc' },
              { name: 'requestId', value: 'r-1' },
            ],
            postData: { mimeType: 'text/plain;charset=UTF-8', text: edgeBody(name), params: [] },
            headersSize: -1,
            bodySize: 120,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/2.0',
            cookies: [],
            headers: [{ name: 'Content-Type', value: 'application/json' }],
            content: {
              size: 40,
              mimeType: 'application/json',
              text: JSON.stringify({ requestId: 'r-1-edge', handle: [] }),
            },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1,
          },
          cache: {},
          timings: { send: 0, wait: 40, receive: 8 },
        },
      ],
    },
  });
}

export const PLAN = `name: Shop plan
rules:
  - id: page-name
    description: every page view names its page
    when:
      xdm.eventType: web.webpagedetails.pageViews
    require:
      - xdm.web.webPageDetails.name
`;

export const FILES: Record<string, string> = {
  'session.har': har(),
  'named.har': har('home'),
  'plans/plan.yaml': PLAN,
};

export function run(argv: string[], files: Record<string, string> = FILES) {
  const { io, out } = memory(files);
  const code = runValidate(argv, io);
  return { code, ...out };
}
