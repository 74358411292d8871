/**
 * The function `scripting.executeScript` runs in the inspected page's MAIN world to resend a call.
 * The browser serialises it and runs it there, so it must be self-contained: no imports, no
 * closures, nothing from this module but its own body. It calls the page's own `fetch` (the
 * one our page hook wraps), so the request has the page's origin, cookies and CORS, and it is
 * captured like any other call the page makes.
 *
 * This is why manifest.json asks for the `scripting` permission (Chromium and Firefox MV3 alike;
 * JSON has no comments, so the reason lives here and in the README): `executeScript` with
 * `world: 'MAIN'` on the inspected tab, only when the person presses Send. Nothing else uses it.
 */

export interface PageSendRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: string;
  credentials: 'include' | 'omit';
}

export type PageSendResult = { status: number; statusText: string } | { error: string };

export async function sendFromPage(request: PageSendRequest): Promise<PageSendResult> {
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      credentials: request.credentials,
      // What alloy does (docs/edge-protocol.md §2.1), so the resend behaves like the original.
      cache: 'no-cache',
      referrerPolicy: 'no-referrer-when-downgrade',
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(request.url, init);
    return { status: response.status, statusText: response.statusText };
  } catch (error) {
    // Network errors and CORS refusals both reject; the page hook records them on the call too.
    return { error: String(error) };
  }
}
