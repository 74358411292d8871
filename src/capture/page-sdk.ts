/**
 * MAIN world, with page-hook.ts: the Web SDK's own side as its monitors report it (instances,
 * configuration, commands, log lines, pre-hiding), the Tags (Launch) build and the Adobe Client
 * Data Layer's pushes (docs/edge-protocol.md §8). Passive: values are read as data and reduced in
 * the page to bounded text (describeValue), the SDK and Tags are never called, and the data layer
 * is only joined through its own API (a function pushed to it, which adds two listeners). Nothing
 * here throws into the page or the SDK.
 */
import {
  SDK_TEXT_BUDGET,
  describeValue,
  type SdkCommand,
  type SdkEvent,
  type TagsBuild,
} from '../edge/sdk-event';

/** Per document: the log lines, command events and data layer pushes posted at most. */
export const MAX_SDK_LOGS = 300;
export const MAX_SDK_COMMANDS = 300;
export const MAX_SDK_PUSHES = 300;

export type PostSdk = (event: SdkEvent) => void;

/** A property read that never throws (a getter may). */
function read(value: unknown, key: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function'))
    return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function str(value: unknown, max: number): string | undefined {
  return typeof value === 'string' ? value.slice(0, max) : undefined;
}

/**
 * A command's options or result with its propositions reduced to ids and scopes: their items hold
 * the page's HTML, which the stored response already has and which would fill the budget.
 */
function withoutItems(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of ['propositions', 'decisions']) {
    const list = read(value, key);
    if (!Array.isArray(list)) continue;
    try {
      copy ??= { ...(value as Record<string, unknown>) };
    } catch {
      return value;
    }
    copy[key] = list
      .slice(0, 50)
      .map((p: unknown) => ({ id: read(p, 'id'), scope: read(p, 'scope') }));
  }
  return copy ?? value;
}

/** One log argument as text: a string as it is, anything else as bounded JSON text. */
function argumentText(value: unknown): string {
  return typeof value === 'string'
    ? value.slice(0, SDK_TEXT_BUDGET.log)
    : describeValue(value, SDK_TEXT_BUDGET.log);
}

function errorText(error: unknown): string {
  const message = read(error, 'message');
  return typeof message === 'string'
    ? message.slice(0, SDK_TEXT_BUDGET.log)
    : describeValue(error, SDK_TEXT_BUDGET.log);
}

/** Runs a monitor callback so that nothing it meets reaches the SDK as an exception. */
function guarded(run: (data: unknown) => void): (data: unknown) => void {
  return (data) => {
    try {
      run(data);
    } catch {
      // A monitor must never throw into the Web SDK.
    }
  };
}

export interface SdkMonitor {
  /** The monitor methods, to be added to the hook's one `__alloyMonitors` entry. */
  methods: Record<string, (data: unknown) => void>;
  /** Posts how many log lines and command events were over the caps (at pagehide). */
  flushDropped: () => void;
}

/**
 * The monitor methods for instances, configuration, commands, log lines and pre-hiding
 * (docs/edge-protocol.md §8 has the data alloy passes to each).
 */
export function sdkMonitor(post: PostSdk): SdkMonitor {
  let logs = 0;
  let commands = 0;
  const dropped = { logs: 0, commands: 0 };
  const reported = { logs: 0, commands: 0 };
  const instanceOf = (data: unknown) => str(read(data, 'instanceName'), 100);
  const note = (text: string) =>
    post({ at: Date.now(), kind: 'log', log: { level: 'warn', component: 'inspector', text } });

  const command = (phase: SdkCommand['phase']) =>
    guarded((data) => {
      if (commands >= MAX_SDK_COMMANDS) {
        if (dropped.commands++ === 0)
          note(`Command events after the first ${MAX_SDK_COMMANDS} of this page are not kept.`);
        return;
      }
      commands++;
      const name = str(read(data, 'commandName'), 100) ?? '';
      const entry: SdkCommand = { name, phase };
      if (phase === 'before') {
        entry.options = describeValue(withoutItems(read(data, 'options')), SDK_TEXT_BUDGET.options);
      } else if (phase === 'resolved') {
        const result = read(data, 'result');
        entry.result = describeValue(withoutItems(result), SDK_TEXT_BUDGET.result);
        // The page asked for the library's version itself: the one place a monitor sees it.
        const version = str(read(read(result, 'libraryInfo'), 'version'), 40);
        const instance = instanceOf(data);
        if (name === 'getLibraryInfo' && version !== undefined)
          post({ at: Date.now(), kind: 'instance', version, ...(instance ? { instance } : {}) });
      } else {
        entry.error = errorText(read(data, 'error'));
      }
      const instance = instanceOf(data);
      post({ at: Date.now(), kind: 'command', command: entry, ...(instance ? { instance } : {}) });
    });

  const methods: SdkMonitor['methods'] = {
    onInstanceCreated: guarded((data) => {
      const instance = instanceOf(data);
      post({ at: Date.now(), kind: 'instance', ...(instance ? { instance } : {}) });
    }),
    onInstanceConfigured: guarded((data) => {
      const instance = instanceOf(data);
      const config = describeValue(read(data, 'config'), SDK_TEXT_BUDGET.config);
      post({ at: Date.now(), kind: 'configured', config, ...(instance ? { instance } : {}) });
    }),
    onBeforeCommand: command('before'),
    onCommandResolved: command('resolved'),
    onCommandRejected: command('rejected'),
    onBeforeLog: guarded((data) => {
      if (logs >= MAX_SDK_LOGS) {
        if (dropped.logs++ === 0)
          note(`Log lines after the first ${MAX_SDK_LOGS} of this page are not kept.`);
        return;
      }
      logs++;
      const args = read(data, 'arguments');
      const parts = Array.isArray(args) ? args.slice(0, 20).map(argumentText) : [];
      const text = parts.join(' ').slice(0, SDK_TEXT_BUDGET.log);
      const level = str(read(data, 'level'), 20) ?? 'log';
      const component = str(read(data, 'componentName'), 100);
      const instance = instanceOf(data);
      post({
        at: Date.now(),
        kind: 'log',
        log: { level, text, ...(component ? { component } : {}) },
        ...(instance ? { instance } : {}),
      });
    }),
    onContentHiding: guarded((data) => {
      const hiding = str(read(data, 'status'), 40);
      const instance = instanceOf(data);
      if (hiding !== undefined)
        post({ at: Date.now(), kind: 'hiding', hiding, ...(instance ? { instance } : {}) });
    }),
  };

  const flushDropped = () => {
    if (dropped.logs > reported.logs) {
      reported.logs = dropped.logs;
      note(`${dropped.logs} more log lines not kept.`);
    }
    if (dropped.commands > reported.commands) {
      reported.commands = dropped.commands;
      note(`${dropped.commands} more command events not kept.`);
    }
  };
  return { methods, flushDropped };
}

/** Runs `look` at DOMContentLoaded and at load: no timer keeps running. */
function atLoad(look: () => void): void {
  const once = () => {
    try {
      look();
    } catch {
      // Never disturb the page.
    }
  };
  document.addEventListener('DOMContentLoaded', once, { once: true });
  window.addEventListener('load', once, { once: true });
}

/** The Tags library's own script URL: the one from assets.adobedtm.com or named `launch-…`. */
function tagsLibraryUrl(): string | undefined {
  const scripts = document.scripts;
  for (let i = 0; i < scripts.length; i++) {
    const src = str(read(scripts[i], 'src'), 500);
    if (src && (src.includes('assets.adobedtm.com') || /\/launch-[^/]*$/.test(src))) return src;
  }
  return undefined;
}

/**
 * One `tags` event when the page has `window._satellite`: its property name, environment stage and
 * build date, read as data (no `_satellite` function is called), and the library's URL.
 */
export function watchTags(post: PostSdk): void {
  let posted = false;
  atLoad(() => {
    if (posted) return;
    const satellite = read(window, '_satellite');
    if (satellite === null || typeof satellite !== 'object') return;
    posted = true;
    const tags: TagsBuild = {};
    const property = str(read(read(satellite, 'property'), 'name'), 500);
    if (property !== undefined) tags.property = property;
    const environment = str(read(read(satellite, 'environment'), 'stage'), 500);
    if (environment !== undefined) tags.environment = environment;
    const buildDate = str(read(read(satellite, 'buildInfo'), 'buildDate'), 500);
    if (buildDate !== undefined) tags.buildDate = buildDate;
    const libraryUrl = tagsLibraryUrl();
    if (libraryUrl !== undefined) tags.libraryUrl = libraryUrl;
    post({ at: Date.now(), kind: 'tags', tags });
  });
}

/**
 * The Adobe Client Data Layer's pushes, once the library has made `window.adobeDataLayer` its own
 * (it then has `addEventListener`): a function pushed through the data layer's own `push` adds a
 * listener for `adobeDataLayer:event` (every event push) and one for `adobeDataLayer:change`
 * (data pushes without an event; an event with data triggers both, and is posted once). Both
 * listen to past pushes too (the data layer's default scope), so a late start misses nothing.
 * An array the library has not taken over (yet) is left alone: a function pushed into a plain
 * array would stay in the page's array.
 */
export function watchDataLayer(post: PostSdk): void {
  let joined = false;
  let pushes = 0;
  const listener = (type: 'event' | 'change') =>
    function (this: unknown, pushed: unknown): void {
      try {
        if (type === 'change' && read(pushed, 'event') !== undefined) return;
        if (pushes >= MAX_SDK_PUSHES) return;
        pushes++;
        const name = str(read(pushed, 'event'), 200);
        post({
          at: Date.now(),
          kind: 'datalayer',
          datalayer: {
            data: describeValue(pushed, SDK_TEXT_BUDGET.data),
            ...(name !== undefined ? { event: name } : {}),
          },
        });
      } catch {
        // The page's own listeners come after this one: nothing may stop them.
      }
    };
  const onEvent = listener('event');
  const onChange = listener('change');
  atLoad(() => {
    if (joined) return;
    const layer = read(window, 'adobeDataLayer');
    if (!Array.isArray(layer) || typeof read(layer, 'addEventListener') !== 'function') return;
    const push = read(layer, 'push');
    if (typeof push !== 'function') return;
    joined = true;
    push.call(layer, function (dl: unknown) {
      try {
        const add = read(dl, 'addEventListener');
        if (typeof add !== 'function') return;
        add.call(dl, 'adobeDataLayer:event', onEvent);
        add.call(dl, 'adobeDataLayer:change', onChange);
      } catch {
        // Never disturb the page.
      }
    });
  });
}
