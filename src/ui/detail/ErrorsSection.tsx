/**
 * Errors and warnings explained: a fatal problem body (or a failing status without one), then
 * each `errors[]` and `warnings[]` entry, with the EXEG code, title, detail, a plain-language
 * cause and what to check, and `report.errors`.
 */
import type { ExplainedError } from '../../edge/call-summary';
import type { Problem } from '../../edge/errors';
import { Facts } from './Facts';
import { Card, Notes, Section } from './Section';

const SEVERITY = { fatal: 'Fatal error', error: 'Error', warning: 'Warning' } as const;

function titleOf(error: ExplainedError): string {
  const code = error.code ?? (error.status !== undefined ? `HTTP ${error.status}` : undefined);
  return [SEVERITY[error.severity], code, error.title].filter(Boolean).join(' · ');
}

function ReportExtras({ problem }: { problem: Problem }) {
  const report = problem.report;
  if (!report) return <Notes notes={problem.notes} />;
  return (
    <>
      <Facts
        label="Report"
        facts={[
          ['Report requestId', report.requestId],
          ['Org', report.orgId],
          ['Cause', [report.causeCode, report.causeMessage].filter(Boolean).join(': ')],
          ...report.other.map(({ key, value }): [string, string] => [
            `report.${key}`,
            typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
          ]),
        ]}
      />
      <Notes notes={problem.notes} />
    </>
  );
}

function ErrorCard({ error, problem }: { error: ExplainedError; problem?: Problem }) {
  return (
    <Card title={titleOf(error)} tone={error.severity === 'warning' ? 'warning' : 'error'}>
      <Facts
        label={titleOf(error)}
        facts={[
          ['Detail', error.detail],
          ['Cause', error.cause ?? 'This code is not in the reference; see the title and detail.'],
          ['What to check', error.check],
          ['Area', error.area],
          ['Event', error.eventIndex === undefined ? undefined : `event ${error.eventIndex}`],
        ]}
      />
      {error.reportErrors.length > 0 && (
        <>
          <h5>report.errors</h5>
          <ul class="plain" aria-label="report.errors">
            {error.reportErrors.map((line, index) => (
              <li key={index} class="mono">
                {line}
              </li>
            ))}
          </ul>
        </>
      )}
      {problem && <ReportExtras problem={problem} />}
    </Card>
  );
}

export function ErrorsSection({
  errors,
  fatal,
  problems,
}: {
  errors: readonly ExplainedError[];
  /** The fatal problem body, for its report beyond report.errors. */
  fatal?: Problem;
  /** `errors[]` then `warnings[]`, in the order `errors` lists them after the fatal one. */
  problems: readonly Problem[];
}) {
  if (errors.length === 0) return null;
  const counts = [
    errors.filter((e) => e.severity !== 'warning').length,
    errors.filter((e) => e.severity === 'warning').length,
  ];
  const title = [
    counts[0] ? `${counts[0]} ${counts[0] === 1 ? 'error' : 'errors'}` : undefined,
    counts[1] ? `${counts[1]} ${counts[1] === 1 ? 'warning' : 'warnings'}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const offset = errors[0]?.severity === 'fatal' ? 1 : 0;
  return (
    <Section title={`Errors and warnings (${title})`}>
      {errors.map((error, index) => (
        <ErrorCard
          key={index}
          error={error}
          problem={error.severity === 'fatal' ? fatal : problems[index - offset]}
        />
      ))}
    </Section>
  );
}
