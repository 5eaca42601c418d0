/**
 * The editor page's validation panel, kept current by the script: the status line, the list of findings
 * (each with a button that selects its place in the editor) and the lifecycle diagrams of the last valid text.
 */

/** The answer of `POST /editeur/validation` (see `server/preview/validation.ts`). */
export interface EditorResult {
  valid: boolean;
  findings: Array<{ severity: 'error' | 'warning'; message: string; line: number; column: number }>;
  call?: { id: string; title: string };
  diagrams?: Array<{ key: string; title: string; svg: string }>;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count > 1 ? 's' : ''}`;
}

/** Shows the status line (valid, invalid or pending). */
export function setStatus(state: 'valid' | 'invalid' | 'pending', text: string): void {
  const status = document.getElementById('statut');
  if (status === null) return;
  status.className = `status ${state}`;
  status.dataset.state = state;
  status.textContent = text;
}

/** Shows a validation answer: status, findings and diagrams. */
export function renderResult(result: EditorResult): void {
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.length - errors;
  if (result.valid) {
    setStatus('valid', `Définition valide${result.call ? ` : appel ${result.call.id}` : ''}${warnings ? ` (${plural(warnings, 'avertissement')})` : ''}.`);
  } else {
    setStatus('invalid', `${plural(errors, 'erreur')}${warnings ? `, ${plural(warnings, 'avertissement')}` : ''} : la définition n'est pas valide.`);
  }
  renderFindings(result.findings);
  renderDiagrams(result);
}

function renderFindings(findings: EditorResult['findings']): void {
  const list = document.getElementById('constats');
  if (list === null) return;
  list.replaceChildren(
    ...findings.map((finding) => {
      const item = document.createElement('li');
      item.className = finding.severity;
      const where = document.createElement('button');
      where.type = 'button';
      where.className = 'where';
      where.dataset.line = String(finding.line);
      where.dataset.column = String(finding.column);
      where.textContent = `Ligne ${finding.line}, colonne ${finding.column}`;
      item.append(where, ` — ${finding.severity === 'error' ? 'erreur' : 'avertissement'} : ${finding.message}`);
      return item;
    }),
  );
}

function renderDiagrams(result: EditorResult): void {
  const diagrams = document.getElementById('diagrammes');
  const note = document.getElementById('note-diagrammes');
  if (diagrams === null || note === null) return;
  if (result.diagrams === undefined) {
    note.hidden = diagrams.children.length === 0;
    return;
  }
  note.hidden = true;
  diagrams.replaceChildren(
    ...result.diagrams.map((machine) => {
      const figure = document.createElement('figure');
      figure.className = 'diagram';
      figure.dataset.machine = machine.key;
      const caption = document.createElement('figcaption');
      caption.textContent = machine.title;
      // The SVG is drawn by this server from a validated definition; Graphviz escapes every label.
      const holder = document.createElement('div');
      holder.innerHTML = machine.svg;
      figure.append(caption, ...Array.from(holder.childNodes));
      return figure;
    }),
  );
}
