/**
 * The editor page's script (bundled by esbuild into `/ressources/editeur.js`): turns the page's textarea into
 * a CodeMirror 6 editor with line numbers, YAML highlighting, the server's findings underlined at their
 * place (message on hover), completion and hover documentation from the definition JSON Schema, in French.
 * The textarea stays in its form and follows the editor, so that « Valider » and « Télécharger » send what
 * was typed; without script the page works with the textarea alone.
 */
import { type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { indentWithTab } from '@codemirror/commands';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { forceLinting, linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView, hoverTooltip, keymap, type Tooltip } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import definitionSchema from '../../../schema/definition.schema.json' with { type: 'json' };
import { schemaHelp, type SchemaNode } from './schema-help.ts';
import { renderResult, setStatus, type EditorResult } from './validation-view.ts';

const help = schemaHelp(definitionSchema as SchemaNode);

/** Completion from the schema: keys of the map under the cursor, or the values of its key. */
function complete(context: CompletionContext): CompletionResult | null {
  const result = help.complete(context.state.doc.toString(), context.pos);
  if (result === undefined || (!context.explicit && result.from === context.pos && context.matchBefore(/[\w$-]/) === null)) return null;
  return {
    from: result.from,
    validFor: /^[\w$-]*$/,
    options: result.options.map(
      (option): Completion => ({
        label: option.label,
        type: option.kind === 'key' ? 'property' : 'enum',
        ...(option.documentation === '' ? {} : { info: option.documentation }),
        ...(option.kind === 'key' ? { apply: `${option.label}: ` } : {}),
      }),
    ),
  };
}

/** Hover documentation of the key or value under the pointer. */
function documentation(view: EditorView, pos: number): Tooltip | null {
  const doc = help.hover(view.state.doc.toString(), pos);
  if (doc === undefined) return null;
  return {
    pos: doc.from,
    end: doc.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'aide-schema';
      const name = document.createElement('code');
      name.textContent = doc.name;
      dom.append(name);
      for (const paragraph of doc.paragraphs) {
        const p = document.createElement('p');
        p.textContent = paragraph;
        dom.append(p);
      }
      return { dom };
    },
  };
}

/** Where a finding's line and column fall in the text, to the end of the word there. */
function findingRange(view: EditorView, line: number, column: number): { from: number; to: number } {
  const doc = view.state.doc;
  const row = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(row.from + Math.max(column - 1, 0), row.to);
  const word = /^[^\s,:{}[\]#]+/.exec(doc.sliceString(from, row.to))?.[0].length ?? 0;
  return { from, to: word > 0 ? from + word : Math.max(row.to, from) };
}

function start(): void {
  const textarea = document.getElementById('yaml');
  const status = document.getElementById('statut');
  const list = document.getElementById('constats');
  if (!(textarea instanceof HTMLTextAreaElement) || status === null || list === null) return;
  let controller: AbortController | undefined;

  const validate = async (view: EditorView): Promise<Diagnostic[]> => {
    controller?.abort();
    controller = new AbortController();
    const text = view.state.doc.toString();
    try {
      const response = await fetch('/editeur/validation', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text, file: textarea.dataset.file }),
        signal: controller.signal,
      });
      const body = (await response.json()) as EditorResult & { detail?: string; title?: string };
      if (!response.ok) throw new Error(body.detail ?? body.title ?? `réponse ${response.status}`);
      if (view.state.doc.toString() !== text) return [];
      renderResult(body);
      return body.findings.map((finding) => ({
        ...findingRange(view, finding.line, finding.column),
        severity: finding.severity,
        message: finding.message,
      }));
    } catch (error) {
      if (error instanceof Error && error.name !== 'AbortError') setStatus('invalid', `La validation n'a pas pu être faite : ${error.message}`);
      return [];
    }
  };

  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      basicSetup,
      keymap.of([indentWithTab]),
      yaml(),
      yamlLanguage.data.of({ autocomplete: complete }),
      hoverTooltip(documentation, { hoverTime: 300 }),
      linter(validate, { delay: 350 }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.cspNonce.of(textarea.dataset.nonce ?? ''),
      EditorView.contentAttributes.of({ 'aria-labelledby': 'etiquette-yaml', 'aria-describedby': 'aide-editeur statut' }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        setStatus('pending', 'Validation en cours…');
      }),
    ],
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  document.getElementById('aide-editeur')?.removeAttribute('hidden');
  forceLinting(view);

  list.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains('where')) return;
    const range = findingRange(view, Number(target.dataset.line), Number(target.dataset.column));
    view.dispatch({ selection: { anchor: range.from, head: range.to }, scrollIntoView: true });
    view.focus();
  });
}

start();
