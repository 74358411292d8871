import { describe, expect, it } from 'vitest';
import { setEventType } from '../../edge/body-edits';
import { maskSecret } from '../../session/redact';
import type { ResendFrom, ResendOutcome, ResendRequest } from '../../shared/protocol';
import { edgeUrl, makeCall } from '../test-fixtures';
import type { ResendClient } from './resend-client';
import { lastSends } from './resend-memory';
import { createResendModel } from './resend-model';

const BODY = '{"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews"}}]}';

function fakeClient(outcome: Partial<ResendOutcome> = {}) {
  const sent: Array<{ originalId: string; request: ResendRequest; from: ResendFrom }> = [];
  const client: ResendClient = {
    resend(originalId, request, from) {
      sent.push({ originalId, request, from });
      return Promise.resolve({ ok: true, from, status: 200, ...outcome } as ResendOutcome);
    },
    details: (ids) => Promise.resolve(ids.map((id) => ({ id }))),
  };
  return { client, sent };
}

function setup(overrides: Parameters<typeof makeCall>[1] = {}, outcome?: Partial<ResendOutcome>) {
  const { client, sent } = fakeClient(outcome);
  let n = 0;
  const editor = createResendModel({
    original: makeCall(1, overrides),
    requestBody: BODY,
    client,
    newId: () => `new-${++n}`,
  });
  return { editor, sent };
}

describe('resend model', () => {
  it('sends the edited body exactly, with a new requestId, and remembers it for "Send again"', async () => {
    const { editor, sent } = setup();
    editor.setBody('{"events":[]}');
    await editor.send();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.from).toBe('page');
    expect(sent[0]?.request.body).toBe('{"events":[]}');
    expect(sent[0]?.request.url).toContain('requestId=new-1');
    expect(lastSends.value.get('call-1')?.request).toEqual(sent[0]?.request);
    expect(editor.sending.value).toMatchObject({ state: 'done', outcome: { ok: true } });
  });

  it('asks before sending invalid JSON, and says where it breaks', async () => {
    const { editor, sent } = setup();
    editor.setBody('{\n  "events": [\n}');
    await editor.send();
    expect(sent).toHaveLength(0);
    expect(editor.confirming.value?.[0]?.message).toMatch(/line 3, column 1/);
    await editor.send(true);
    expect(sent).toHaveLength(1);
    expect(editor.confirming.value).toBeUndefined();
  });

  it('asks before sending to another host', async () => {
    const { editor, sent } = setup();
    editor.setUrl(edgeUrl().replace('edge.adobedc.net', 'collect.example.com'));
    await editor.send();
    expect(editor.confirming.value?.map((i) => i.kind)).toEqual(['other-host']);
    expect(sent).toHaveLength(0);
  });

  it('blocks a masked token, and never hands a real one to the page', async () => {
    const { editor, sent } = setup();
    editor.setHeaders([
      { name: 'Authorization', value: maskSecret('Bearer abcdefghijklmnopqrstu') },
    ]);
    await editor.send();
    expect(editor.blocked.value.map((i) => i.kind)).toEqual(['masked-secret']);
    editor.setHeaders([{ name: 'Authorization', value: 'Bearer real' }]);
    await editor.send();
    expect(editor.blocked.value.map((i) => i.kind)).toEqual(['secret-to-page']);
    editor.from.value = 'extension';
    await editor.send();
    expect(sent.map((s) => s.from)).toEqual(['extension']);
  });

  it('starts from the extension for a Server API call or a call from no tab', () => {
    const server = 'https://server.adobedc.net/ee/v2/interact?datastreamId=ds';
    expect(setup({ url: server }).editor.from.value).toBe('extension');
    expect(setup({ tabId: -1 }).editor.from.value).toBe('extension');
  });

  it('offers the extension when the tab is gone', async () => {
    const { editor, sent } = setup({}, {
      ok: false,
      reason: 'tab-gone',
      error: 'closed',
    } as Partial<ResendOutcome>);
    await editor.send();
    expect(editor.tabGone.value).toBe(true);
    await editor.sendFromExtension();
    expect(sent.map((s) => s.from)).toEqual(['page', 'extension']);
  });

  it('keeps the URL and the query rows in step, and overrides the datastream', () => {
    const { editor } = setup();
    editor.setQuery([...editor.query.value, { name: '', value: '' }]);
    expect(editor.query.value).toHaveLength(3);
    expect(editor.url.value).not.toContain('&=');
    editor.setDatastream('other-ds');
    expect(editor.url.value).toContain('configId=other-ds');
    expect(editor.query.value.find((p) => p.name === 'configId')?.value).toBe('other-ds');
    editor.setUrl('https://edge.adobedc.net/ee/v1/interact?configId=x');
    expect(editor.query.value).toEqual([{ name: 'configId', value: 'x' }]);
    editor.setUrl('not a url yet');
    expect(editor.query.value).toEqual([{ name: 'configId', value: 'x' }]);
  });

  it('applies quick options to the text and tells the editor to reload it', () => {
    const { editor } = setup();
    const revision = editor.bodyRevision.value;
    editor.applyEdit(
      (text) => setEventType(text, 'commerce.purchases'),
      (n) => `${n} changed`,
    );
    expect(editor.body.value).toContain('"eventType": "commerce.purchases"');
    expect(editor.bodyRevision.value).toBe(revision + 1);
    expect(editor.quickResult.value).toEqual({ ok: true, text: '1 changed' });
    editor.applyEdit(
      (text) => setEventType(text, ''),
      () => '',
    );
    expect(editor.quickResult.value?.ok).toBe(false);
  });

  it('sends no cookies for a new visitor, and keeps the requestId when asked to', async () => {
    const { editor, sent } = setup();
    editor.cookies.value = false;
    editor.newRequestId.value = false;
    await editor.send();
    expect(sent[0]?.request.credentials).toBe('omit');
    expect(sent[0]?.request.url).toBe(edgeUrl());
  });
});

describe('againRequest', () => {
  it('gives the same edit a fresh requestId, or keeps it when asked', async () => {
    const { againRequest } = await import('./resend-memory');
    const request = {
      method: 'POST',
      url: `${edgeUrl()}&x=a%20b`,
      headers: [],
      body: '{}',
      credentials: 'include' as const,
    };
    expect(againRequest({ request, from: 'page', newRequestId: true }, () => 'r-9').url).toBe(
      'https://edge.adobedc.net/ee/or2/v1/interact?configId=ebebf826-a01f-4458-8cec-ef61de241c93&requestId=r-9&x=a+b',
    );
    expect(againRequest({ request, from: 'page', newRequestId: false }, () => 'r-9')).toBe(request);
  });
});
