/** `locationHint:result`: scope, hint and TTL, and whether later calls used that region. */
import { useContext } from 'preact/hooks';
import type { LocationHintView } from '../../../edge/handle-views';
import { hintUsageLines } from '../hint-usage';
import { LaterCalls } from '../later-calls';
import { Notes } from '../Section';

function HintUsage({ view }: { view: LocationHintView }) {
  const later = useContext(LaterCalls).value;
  return (
    <ul class="plain" aria-label="Later calls and the hint">
      {hintUsageLines(view.hints, later).map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export function LocationHintHandle({ view }: { view: LocationHintView }) {
  return (
    <>
      <table class="data-table">
        <caption>Location hints</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">Hint</th>
            <th scope="col">TTL</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {view.hints.map((hint, index) => (
            <tr key={index}>
              <th scope="row">{hint.scope ?? '(no scope)'}</th>
              <td>
                {hint.hint ?? '(none)'}
                {hint.pathSegment && <span class="muted"> (path /{hint.pathSegment}/)</span>}
              </td>
              <td>{hint.ttl}</td>
              <td>
                {hint.meaning}
                <Notes notes={hint.notes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HintUsage view={view} />
    </>
  );
}
