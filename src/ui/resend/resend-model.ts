/**
 * The resend editor's state as signals (one model per original call, kept while the viewer is
 * open so closing the dialog loses no edit). Editing, quick options, guard rails and sending
 * go through here; the components only show it.
 */
import { batch, computed, signal } from '@preact/signals';
import type { BodyEdit } from '../../edge/body-edits';
import type { CapturedCall, Header } from '../../session/call';
import {
  datastreamParam,
  draftFromCall,
  isValidUrl,
  queryOf,
  withDatastream,
  withQuery,
  prepareSend,
  type QueryParam,
  type ResendDraft,
} from '../../session/resend-draft';
import { bodyProblem, sendIssues, type SendIssue } from '../../session/resend-guards';
import type { ResendFrom, ResendOutcome } from '../../shared/protocol';
import type { ResendClient } from './resend-client';
import { rememberSend } from './resend-memory';

export type SendState =
  { state: 'idle' } | { state: 'sending' } | { state: 'done'; outcome: ResendOutcome };

export interface ResendModelOptions {
  original: CapturedCall;
  requestBody: string | undefined;
  client: ResendClient;
  newId?: () => string;
}

/** Server API calls carry a bearer token, which must never be handed to the page. */
function defaultFrom(original: CapturedCall): ResendFrom {
  const serverApi = original.endpoint.host.toLowerCase().startsWith('server.adobedc.net');
  return serverApi || original.tabId < 0 || original.imported ? 'extension' : 'page';
}

export function createResendModel({
  original,
  requestBody,
  client,
  newId = () => crypto.randomUUID(),
}: ResendModelOptions) {
  const initial = draftFromCall(original, requestBody);
  const method = signal(initial.method);
  const url = signal(initial.url);
  /** Rows as typed: a row without a name yet stays here but not in the URL. */
  const query = signal<QueryParam[]>(queryOf(initial.url));
  const headers = signal<Header[]>(initial.headers);
  const body = signal(initial.body);
  /** Bumped when the body is replaced from outside the editor (quick options, reset). */
  const bodyRevision = signal(0);
  const newRequestId = signal(true);
  const cookies = signal(true);
  const from = signal<ResendFrom>(defaultFrom(original));
  const tabGone = signal(false);
  const confirming = signal<SendIssue[] | undefined>(undefined);
  const blocked = signal<SendIssue[]>([]);
  const sending = signal<SendState>({ state: 'idle' });
  const quickResult = signal<{ ok: boolean; text: string } | undefined>(undefined);

  const draft = computed<ResendDraft>(() => ({
    method: method.value,
    url: url.value,
    headers: headers.value,
    body: body.value,
  }));
  const bodyError = computed(() => bodyProblem(body.value));
  const datastream = computed(() => datastreamParam(url.value).value);

  function setUrl(next: string): void {
    batch(() => {
      url.value = next;
      // A URL that does not parse (yet) keeps the rows as they were, so nothing typed is lost.
      if (isValidUrl(next)) query.value = queryOf(next);
    });
  }

  function setQuery(rows: QueryParam[]): void {
    batch(() => {
      query.value = rows;
      url.value = withQuery(url.peek(), rows);
    });
  }

  function replaceBody(text: string): void {
    batch(() => {
      body.value = text;
      bodyRevision.value++;
    });
  }

  function applyEdit(edit: (text: string) => BodyEdit, describe: (count: number) => string) {
    const result = edit(body.peek());
    if (result.ok) replaceBody(result.text);
    quickResult.value = result.ok
      ? { ok: true, text: describe(result.changed) }
      : { ok: false, text: result.message };
  }

  async function deliver(): Promise<void> {
    const request = prepareSend(draft.peek(), {
      requestId: newRequestId.peek() ? newId() : undefined,
      cookies: cookies.peek(),
    });
    const where = from.peek();
    rememberSend(original.id, { request, from: where, newRequestId: newRequestId.peek() });
    sending.value = { state: 'sending' };
    const outcome = await client.resend(original.id, request, where);
    batch(() => {
      sending.value = { state: 'done', outcome };
      if (!outcome.ok && outcome.reason === 'tab-gone') tabGone.value = true;
    });
  }

  /** Checks the guard rails; sends at once, or waits for a confirmation, or says what blocks. */
  function send(confirmed = false): Promise<void> {
    const issues = sendIssues(draft.peek(), original.url, from.peek());
    const blocking = issues.filter((issue) => issue.blocking);
    blocked.value = blocking;
    if (blocking.length) return Promise.resolve();
    if (!confirmed && issues.length) {
      confirming.value = issues;
      return Promise.resolve();
    }
    confirming.value = undefined;
    return deliver();
  }

  return {
    original,
    method,
    url,
    query,
    headers,
    body,
    bodyRevision,
    newRequestId,
    cookies,
    from,
    tabGone,
    confirming,
    blocked,
    sending,
    quickResult,
    draft,
    bodyError,
    datastream,
    setUrl,
    setQuery,
    setMethod: (next: string) => (method.value = next),
    setHeaders: (rows: Header[]) => (headers.value = rows),
    /** From the editor, as the person types. */
    setBody: (text: string) => (body.value = text),
    replaceBody,
    setDatastream: (id: string) => setUrl(withDatastream(url.peek(), id)),
    applyEdit,
    send,
    cancelConfirm: () => (confirming.value = undefined),
    /** After "tab gone": the same request from the extension, cookies differing. */
    sendFromExtension(): Promise<void> {
      from.value = 'extension';
      return send(true);
    },
  };
}

export type ResendModel = ReturnType<typeof createResendModel>;
