/**
 * The HTML QA report: one self-contained file to attach to a ticket. A summary, then every event
 * that failed or warned, with its call (time, URL, requestId, page) and each finding. Everything
 * captured is text (docs/architecture.md, Practices 7): escaped, never a link, never markup. The
 * file has no script at all, no event handlers and loads nothing; its CSP says so to the browser.
 * With the visit checks, a section lists the visit's findings: status, rule, what happened, the
 * calls' request ids, the page and what to check next.
 */
import { requestIdOf, type CallVerdicts, type SessionVerdicts } from './session-verdicts';
import type { EventVerdict, Finding } from './types';
import { eventStatus } from './verdicts';
import type { VisitResult } from './visit-results';

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function esc(value: string | number | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d1d1f; --muted: #5f6368; --line: #d9dce1;
  --card: #f6f7f9; --fail: #b3261e; --fail-bg: #fde7e6; --warn: #8a5a00; --warn-bg: #fff3d6;
  --pass: #1e6b34; --pass-bg: #e3f4e8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #17181a; --fg: #e8eaed; --muted: #a0a4aa; --line: #3a3d42; --card: #202225;
    --fail: #ffb4ab; --fail-bg: #4a1512; --warn: #ffd27a; --warn-bg: #3d2e0a;
    --pass: #9ad3a8; --pass-bg: #163222; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; }
code, .value { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.summary li { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
  padding: .5rem .9rem; min-width: 7rem; }
.summary strong { display: block; font-size: 1.4rem; }
.summary .fail strong { color: var(--fail); }
.summary .warn strong { color: var(--warn); }
.call { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-top: 1px solid var(--line);
  overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-weight: 600;
  text-transform: uppercase; font-size: .8em; }
.fail .badge, .badge.fail { color: var(--fail); background: var(--fail-bg); }
.warn .badge, .badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.muted { color: var(--muted); }
`;

function time(ms: number): string {
  return ms > 0 && Number.isFinite(ms) ? new Date(ms).toISOString() : '(unknown)';
}

function findingRow(finding: Finding): string {
  return `<tr class="${finding.status === 'fail' ? 'fail' : 'warn'}">
<td><span class="badge">${esc(finding.status)}</span></td>
<td><code>${esc(finding.rule)}</code></td>
<td><code>${esc(finding.path)}</code></td>
<td class="value">${esc(finding.expected)}</td>
<td class="value">${esc(finding.actual)}</td>
<td>${esc(finding.message)}</td>
</tr>`;
}

function eventHtml(event: EventVerdict): string {
  const status = eventStatus(event);
  const findings = event.findings.filter((f) => f.status === 'fail' || f.status === 'warn');
  const type = event.eventType ? ` · <code>${esc(event.eventType)}</code>` : '';
  return `<section class="event ${status}">
<h4>Event ${esc(event.eventIndex)}${type} <span class="badge">${esc(status)}</span></h4>
<table>
<colgroup><col style="width:6%"><col style="width:14%"><col style="width:20%"><col style="width:16%"><col style="width:18%"><col style="width:26%"></colgroup>
<thead><tr><th>Status</th><th>Rule</th><th>Path</th><th>Expected</th><th>Actual</th><th>Message</th></tr></thead>
<tbody>
${findings.map(findingRow).join('\n')}
</tbody>
</table>
</section>`;
}

function callHtml({ call, page, validation }: CallVerdicts, events: EventVerdict[]): string {
  const pageText = [page?.title, page?.url].filter(Boolean).map(esc).join('<br>');
  return `<article class="call">
<h3>${esc(time(call.startedAt))} · <code>${esc(requestIdOf(call))}</code></h3>
<dl class="facts">
<dt>Time</dt><dd>${esc(time(call.startedAt))}</dd>
<dt>URL</dt><dd class="value">${esc(call.url)}</dd>
<dt>requestId</dt><dd class="value">${esc(requestIdOf(call))}</dd>
<dt>Page</dt><dd>${pageText || '<span class="muted">(unknown page)</span>'}</dd>
<dt>Events</dt><dd>${esc(validation.counts.events)} (${esc(validation.counts.failed)} failed, ${esc(validation.counts.warned)} warned)</dd>
</dl>
${events.map(eventHtml).join('\n')}
</article>`;
}

function visitRow(result: VisitResult): string {
  const page = [result.page?.title, result.page?.url].filter(Boolean).map(esc).join('<br>');
  return `<tr class="${result.status}">
<td><span class="badge">${esc(result.status)}</span></td>
<td><code>${esc(result.rule)}</code></td>
<td><strong>${esc(result.title)}</strong><br>${esc(result.explanation)}</td>
<td class="value">${result.requestIds.map(esc).join('<br>')}</td>
<td>${page || '<span class="muted">(unknown page)</span>'}</td>
<td>${esc(result.next)}</td>
</tr>`;
}

function visitHtml(visit: readonly VisitResult[]): string {
  if (!visit.length) return '<h2>Visit checks</h2>\n<p>No visit check found anything.</p>';
  return `<h2>Visit checks</h2>
<table class="visit">
<colgroup><col style="width:6%"><col style="width:16%"><col style="width:34%"><col style="width:14%"><col style="width:12%"><col style="width:18%"></colgroup>
<thead><tr><th>Status</th><th>Rule</th><th>Finding</th><th>Requests</th><th>Page</th><th>Next</th></tr></thead>
<tbody>
${visit.map(visitRow).join('\n')}
</tbody>
</table>`;
}

export interface HtmlReportOptions {
  /** When the report was made; shown under the title. */
  generatedAt?: Date;
  /** Where the calls came from (file names), shown under the title. */
  sources?: string[];
  /** The visit's findings; undefined when the visit checks did not run (no section then). */
  visit?: readonly VisitResult[];
}

export function htmlReport(
  verdicts: SessionVerdicts | undefined,
  options: HtmlReportOptions = {},
): string {
  const problems = (verdicts?.calls ?? []).flatMap((item) => {
    const bad = item.validation.events.filter((event) => eventStatus(event) !== 'pass');
    return bad.length ? [callHtml(item, bad)] : [];
  });
  const meta = [
    options.sources?.length ? `From ${options.sources.map(esc).join(', ')}` : '',
    options.generatedAt ? `Generated ${esc(options.generatedAt.toISOString())}` : '',
  ].filter(Boolean);
  const stat = (label: string, value: number, status?: string) =>
    `<li${status ? ` class="${status}"` : ''}><strong>${esc(value)}</strong>${label}</li>`;
  const title = verdicts ? esc(verdicts.plan) : 'visit checks';
  let summary = '<p>No plan: only the visit checks ran.</p>';
  let planSection = '';
  if (verdicts) {
    const { events, passed, failed, warned } = verdicts.summary;
    summary = `<p>Plan <strong>${esc(verdicts.plan)}</strong></p>
${meta.length ? `<p class="muted">${meta.join(' · ')}</p>` : ''}
<ul class="summary" aria-label="Summary">
${stat('events', events)}
${stat('passed', passed)}
${stat('failed', failed, failed ? 'fail' : undefined)}
${stat('warned', warned, warned ? 'warn' : undefined)}
</ul>`;
    planSection = `<h2>Failing and warning events</h2>
${problems.length ? problems.join('\n') : '<p>No event failed or warned.</p>'}`;
  } else if (meta.length) summary += `\n<p class="muted">${meta.join(' · ')}</p>`;
  const visitSection = options.visit ? visitHtml(options.visit) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>QA report: ${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>QA report</h1>
${summary}
</header>
<main>
${[planSection, visitSection].filter(Boolean).join('\n')}
</main>
</body>
</html>
`;
}
