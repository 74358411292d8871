/**
 * The request body editor: CodeMirror 6 with its JSON language, bracket matching, folding,
 * history, and lint diagnostics from our own parser (src/edge/json.ts), so the editor and the
 * send guard give the same line and column. Loaded only when the resend editor opens (a
 * dynamic import), which keeps CodeMirror out of the panel's first load.
 *
 * Tab is left to move focus (no indentWithTab), so the editor never traps keyboard users.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { parseJson } from '../../edge/json';

export interface JsonEditor {
  getText(): string;
  /** Replaces the whole text (quick options); undoable like any edit. */
  setText(text: string): void;
  focus(): void;
  destroy(): void;
}

export interface JsonEditorOptions {
  text: string;
  /** The accessible name of the text box. */
  label: string;
  /** Id of the element that says whether the JSON is valid. */
  describedBy?: string;
  onChange: (text: string) => void;
}

/** Token colours from the viewer's theme variables (resend.css), light and dark alike. */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, class: 'tok-property' },
  { tag: tags.string, class: 'tok-string' },
  { tag: tags.number, class: 'tok-number' },
  { tag: [tags.bool, tags.null], class: 'tok-literal' },
  { tag: tags.invalid, class: 'tok-invalid' },
]);

/** Parse errors as lint diagnostics, at the offset our parser found. */
export function jsonDiagnostics(text: string): Diagnostic[] {
  if (text.trim() === '') return [];
  const parsed = parseJson(text);
  if (parsed.ok) return [];
  const { offset, reason, line, column } = parsed.error;
  const from = Math.min(offset, text.length);
  return [
    {
      from,
      to: Math.min(from + 1, text.length),
      severity: 'error',
      message: `${reason} (line ${line}, column ${column})`,
    },
  ];
}

export function createJsonEditor(parent: HTMLElement, options: JsonEditorOptions): JsonEditor {
  const attributes: Record<string, string> = { 'aria-label': options.label };
  if (options.describedBy) attributes['aria-describedby'] = options.describedBy;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        json(),
        syntaxHighlighting(highlight),
        linter((v) => jsonDiagnostics(v.state.doc.toString()), { delay: 250 }),
        keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of(attributes),
        EditorView.lineWrapping,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    getText: () => view.state.doc.toString(),
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
