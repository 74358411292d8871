/** Method, URL, query parameters and request headers of the request being edited. */
import { isSecretHeader } from '../../session/redact';
import { isForbiddenHeader } from '../../session/resend-draft';
import { PairsEditor, type Pair } from './PairsEditor';
import type { ResendModel } from './resend-model';

function headerNote(row: Pair): string | undefined {
  if (row.name.trim() && isForbiddenHeader(row.name))
    return 'The browser sets this one itself and drops it.';
  if (isSecretHeader(row.name)) return 'Kept in memory only; never stored or copied.';
  return undefined;
}

export function RequestFields({ editor }: { editor: ResendModel }) {
  return (
    <div class="request-fields">
      <div class="url-line">
        <label class="field method-field">
          <span>Method</span>
          <input
            type="text"
            value={editor.method.value}
            size={7}
            spellcheck={false}
            onInput={(event) => editor.setMethod(event.currentTarget.value)}
          />
        </label>
        <label class="field url-field">
          <span>URL</span>
          <input
            type="url"
            value={editor.url.value}
            spellcheck={false}
            onInput={(event) => editor.setUrl(event.currentTarget.value)}
          />
        </label>
      </div>
      <details class="pairs-section" open>
        <summary>Query parameters ({editor.query.value.length})</summary>
        <PairsEditor
          label="Query parameters"
          noun="Parameter"
          rows={editor.query.value}
          onChange={editor.setQuery}
        />
      </details>
      <details class="pairs-section">
        <summary>Request headers ({editor.headers.value.length})</summary>
        <PairsEditor
          label="Request headers"
          noun="Header"
          rows={editor.headers.value}
          onChange={editor.setHeaders}
          isSecret={isSecretHeader}
          noteFor={headerNote}
        />
      </details>
    </div>
  );
}
