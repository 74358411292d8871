/**
 * The SDK view: what the Web SDK reported about itself on one page of the view (sdk-model.ts):
 * its instances with their configuration and trouble, its commands with the calls each caused,
 * and its log lines; the Tags build, pre-hiding and the data layer's pushes in a line. Long lists are shown a part at a time ("Show more"), so a page with
 * hundreds of log lines stays cheap to render. Everything shown is text.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { formatClock } from '../format';
import type { SdkFocus, ViewerModel } from '../viewer-model';
import { callNames } from '../visit/visit-rows';
import { configLines } from './sdk-read';
import {
  type SdkCommandView,
  type SdkInstanceView,
  type SdkLogView,
  type SdkPageView,
} from './sdk-model';
import './sdk.css';

/** Commands and log lines shown at first, and added by each "Show more". */
export const SDK_PAGE_SIZE = 100;
/** Call buttons per command at most. */
const MAX_CALLS = 10;

export const LOG_LEVELS = ['All levels', 'Errors', 'Warnings', 'Errors and warnings'] as const;
export type LogLevelFilter = (typeof LOG_LEVELS)[number];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function outcomeText(command: SdkCommandView): string {
  const took = command.durationMs === undefined ? '' : ` in ${command.durationMs} ms`;
  if (command.outcome === 'resolved') return `resolved${took}`;
  if (command.outcome === 'rejected') return `rejected${took}`;
  return 'no answer yet';
}

function levelWord(level: string): string {
  if (level === 'error') return 'Error';
  if (level === 'warn' || level === 'warning') return 'Warning';
  return level.charAt(0).toUpperCase() + level.slice(1);
}

function levelClass(level: string): string {
  if (level === 'error') return 'error';
  if (level === 'warn' || level === 'warning') return 'warn';
  return 'info';
}

/** Whether a log line passes the text and level filters. */
export function logMatches(log: SdkLogView, text: string, level: LogLevelFilter): boolean {
  const kind = levelClass(log.level);
  if (level === 'Errors' && kind !== 'error') return false;
  if (level === 'Warnings' && kind !== 'warn') return false;
  if (level === 'Errors and warnings' && kind === 'info') return false;
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [log.text, log.component, log.commandLabel, log.level].some((part) =>
    part?.toLowerCase().includes(needle),
  );
}

function Instance({ instance }: { instance: SdkInstanceView }) {
  const lines = instance.config ? configLines(instance.config) : [];
  return (
    <li class="sdk-instance">
      <h4 class="sdk-title">
        {instance.name}
        {instance.version ? ` · Web SDK ${instance.version}` : ''}
      </h4>
      {instance.trouble.length > 0 && (
        <ul aria-label={`Trouble with ${instance.name}`} class="sdk-trouble">
          {instance.trouble.map((line) => (
            <li key={line}>
              <span class="sdk-mark">⚠ Trouble:</span> {line}
            </li>
          ))}
        </ul>
      )}
      {lines.length > 0 ? (
        <dl class="sdk-config" aria-label={`Configuration of ${instance.name}`}>
          {lines.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        !instance.configProblem && <p class="note">No configuration was reported.</p>
      )}
    </li>
  );
}

function Command({
  command,
  name,
  onShow,
  focusAsk,
}: {
  command: SdkCommandView;
  name: (id: string) => string;
  onShow: (id: string) => void;
  /** Set (a new number each time) when the command is to take the focus. */
  focusAsk: number | undefined;
}) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusAsk === undefined) return;
    ref.current?.focus();
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focusAsk]);
  const shown = command.callIds.slice(0, MAX_CALLS);
  const more = command.callIds.length - shown.length;
  return (
    <li
      class={`sdk-command ${command.outcome}`}
      ref={ref}
      tabIndex={-1}
      aria-label={command.label}
      data-key={command.key}
    >
      <h4 class="sdk-title">
        {command.label}
        {command.instance ? ` · ${command.instance}` : ''}
      </h4>
      <p>
        <span class="sdk-time">{formatClock(command.startedAt)}</span> ·{' '}
        <span class="sdk-outcome">
          {command.outcome === 'rejected' ? '✖ ' : ''}
          {outcomeText(command)}
        </span>
        {command.error ? `: ${command.error}` : ''}
        {command.afterPush ? ` · after the data layer push “${command.afterPush}”` : ''}
      </p>
      {command.options.length > 0 && (
        <ul class="sdk-lines" aria-label={`Options of ${command.label}`}>
          {command.options.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {command.result.length > 0 && <p>Result: {command.result.join(' · ')}</p>}
      <p class="sdk-calls">
        {shown.length === 0
          ? 'No call linked.'
          : shown.map((id) => (
              <button type="button" key={id} onClick={() => onShow(id)}>
                Show {name(id)}
              </button>
            ))}
        {more > 0 && <span> and {more} more</span>}
      </p>
    </li>
  );
}

function Logs({ page }: { page: SdkPageView }) {
  const headingId = useId();
  const [text, setText] = useState('');
  const [level, setLevel] = useState<LogLevelFilter>('All levels');
  const [limit, setLimit] = useState(SDK_PAGE_SIZE);
  const matching = useMemo(
    () => page.logs.filter((log) => logMatches(log, text, level)),
    [page.logs, text, level],
  );
  const shown = matching.slice(0, limit);
  return (
    <section class="sdk-section" aria-labelledby={headingId}>
      <h3 id={headingId} class="sdk-heading">
        Logs: {plural(page.errors, 'error')}, {plural(page.warnings, 'warning')} (
        {plural(page.logs.length, 'line')})
      </h3>
      <div class="sdk-filters">
        <input
          type="text"
          aria-label="Filter logs"
          placeholder="Filter logs by text"
          spellcheck={false}
          autocomplete="off"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <select
          aria-label="Log level"
          value={level}
          onChange={(event) => setLevel(event.currentTarget.value as LogLevelFilter)}
        >
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        {matching.length !== page.logs.length && (
          <span>
            {matching.length} of {plural(page.logs.length, 'line')}
          </span>
        )}
      </div>
      {shown.length === 0 ? (
        <p class="note">{page.logs.length ? 'No log line matches.' : 'No log lines.'}</p>
      ) : (
        <ol class="sdk-logs" aria-label="Log lines">
          {shown.map((log) => (
            <li key={log.key} class={`sdk-log ${levelClass(log.level)}`}>
              <span class="sdk-time">{formatClock(log.at)}</span>{' '}
              <span class="sdk-level">{levelWord(log.level)}</span>
              {log.component ? <span class="sdk-component"> [{log.component}]</span> : null}{' '}
              <span class="sdk-text">{log.text}</span>
              {log.commandLabel ? (
                <span class="sdk-during"> (during {log.commandLabel})</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {matching.length > shown.length && (
        <button type="button" onClick={() => setLimit(limit + SDK_PAGE_SIZE)}>
          Show {Math.min(SDK_PAGE_SIZE, matching.length - shown.length)} more log lines (
          {matching.length - shown.length} not shown)
        </button>
      )}
    </section>
  );
}

function Commands({
  page,
  name,
  onShow,
  focus,
}: {
  page: SdkPageView;
  name: (id: string) => string;
  onShow: (id: string) => void;
  focus: SdkFocus | undefined;
}) {
  const focusKey = focus?.commandKey;
  const headingId = useId();
  const focusAt = page.commands.findIndex((c) => c.key === focusKey);
  const [limit, setLimit] = useState(SDK_PAGE_SIZE);
  const shown = page.commands.slice(0, Math.max(limit, focusAt + 1));
  return (
    <section class="sdk-section" aria-labelledby={headingId}>
      <h3 id={headingId} class="sdk-heading">
        Commands ({page.commands.length})
      </h3>
      {shown.length === 0 ? (
        <p class="note">No commands were reported on this page.</p>
      ) : (
        <ol class="sdk-commands" aria-label="Commands">
          {shown.map((command) => (
            <Command
              key={command.key}
              command={command}
              name={name}
              onShow={onShow}
              focusAsk={command.key === focusKey ? (focus?.count ?? 0) : undefined}
            />
          ))}
        </ol>
      )}
      {page.commands.length > shown.length && (
        <button type="button" onClick={() => setLimit(shown.length + SDK_PAGE_SIZE)}>
          Show more commands ({page.commands.length - shown.length} not shown)
        </button>
      )}
    </section>
  );
}

/** The first few of a list, and how many more. */
function shortList(items: readonly string[], max = 5): string {
  const more = items.length - max;
  return items.slice(0, max).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function pageLabel(page: SdkPageView): string {
  return `${formatClock(page.startedAt)} ${page.url}`;
}

export function SdkView({
  model,
  id,
  labelledBy,
}: {
  model: ViewerModel;
  id: string;
  labelledBy: string;
}) {
  const view = model.sdk.value;
  const focus = model.sdkFocus.value;
  const [chosen, setChosen] = useState<string | undefined>(focus?.pageId);
  useEffect(() => {
    if (focus) setChosen(focus.pageId);
  }, [focus]);
  const visit = model.visit.value;
  const calls = model.calls.value;
  const names = useMemo(() => callNames(visit, calls), [visit, calls]);
  const name = (callId: string) => names.get(callId) ?? 'the call';
  const headingId = useId();
  const page = view.pages.find((p) => p.pageId === chosen) ?? view.pages[view.pages.length - 1];
  const tags = page?.tags;
  return (
    <div role="tabpanel" id={id} aria-labelledby={labelledBy} class="sdk-pane">
      {!page ? (
        <p class="note">
          The Web SDK reported nothing on these pages: the page has no Web SDK (alloy), or it ran
          before capture started. Reload the page to see its instances, commands and logs.
        </p>
      ) : (
        <>
          <div class="sdk-page">
            <label>
              Page{' '}
              <select
                aria-label="Page"
                value={page.pageId}
                onChange={(event) => setChosen(event.currentTarget.value)}
              >
                {view.pages.map((p) => (
                  <option key={p.pageId} value={p.pageId}>
                    {pageLabel(p)}
                  </option>
                ))}
              </select>
            </label>
            {tags && (
              <span>
                Tags: {tags.property ?? 'unnamed property'}
                {tags.environment ? ` (${tags.environment})` : ''}
                {tags.buildDate ? `, built ${tags.buildDate}` : ''}
              </span>
            )}
            {page.hiding.length > 0 && <span>Pre-hiding: {page.hiding.join(' · ')}</span>}
            {page.pushes > 0 && (
              <span>
                Data layer: {plural(page.pushes, 'push', 'pushes')}
                {page.pushEvents.length > 0 ? ` (${shortList(page.pushEvents)})` : ''}
              </span>
            )}
          </div>
          {page.pushList.some((push) => push.led.length > 0) && (
            <ul class="sdk-lines" aria-label="Data layer pushes and the commands they led to">
              {page.pushList
                .filter((push) => push.led.length > 0)
                .slice(0, 100)
                .map((push) => (
                  <li key={push.key}>
                    <span class="sdk-time">{formatClock(push.at)}</span> · data layer push “
                    {push.label}” → {push.led.join(', ')}
                  </li>
                ))}
            </ul>
          )}
          <section class="sdk-section" aria-labelledby={headingId}>
            <h3 id={headingId} class="sdk-heading">
              Instances ({page.instances.length})
            </h3>
            {page.instances.length === 0 ? (
              <p class="note">No instance was reported on this page.</p>
            ) : (
              <ul class="sdk-instances" aria-label="Instances">
                {page.instances.map((instance) => (
                  <Instance key={instance.key} instance={instance} />
                ))}
              </ul>
            )}
          </section>
          <Commands
            key={page.pageId}
            page={page}
            name={name}
            onShow={model.showCall}
            focus={focus?.pageId === page.pageId ? focus : undefined}
          />
          <Logs key={page.pageId} page={page} />
        </>
      )}
    </div>
  );
}
