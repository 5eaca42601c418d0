/**
 * The live editor: a YAML definition typed or pasted, validated as one types (findings with their lines)
 * and its diagrams redrawn. The page is complete without script (the first validation is done here);
 * `editeur.js` (CodeMirror, see `editor-client/`) then makes it a code editor that validates each change; the
 * form sends the text back for validation (« Valider ») or as a file (« Télécharger le YAML »).
 */
import { html } from 'hono/html';
import type { Repository } from '../../engine/definition/index.ts';
import { LEGEND, diagramFigures } from './diagrams-section.ts';
import { page, type Html } from './layout.ts';
import type { DrawnMachine } from '../../engine/diagram/index.ts';
import type { ValidationResult } from './validation.ts';

/** What the editor opens with. */
export interface EditorState {
  /** The call the text comes from, if any. */
  callId?: string;
  file: string;
  text: string;
  result: ValidationResult;
  machines: DrawnMachine[];
  /** The nonce of the page's Content-Security-Policy, for the style elements the editor script writes. */
  nonce: string;
  /**
   * The impact on recorded activity, when the server has a database: `csrf` for a Département session
   * (the button posts the text with it), `sign-in` for anyone else (a link to sign in, nothing shown).
   */
  impact?: { kind: 'allowed'; csrf: string } | { kind: 'sign-in' };
}

/** The editor page. */
export function editorPage(repository: Repository, state: EditorState): Html {
  const calls = [...repository.calls.values()].sort((a, b) => b.definition.year - a.definition.year || a.id.localeCompare(b.id));
  const body = html`<h1>Éditeur de définition</h1>
<p class="lead">Tapez ou collez une définition YAML : elle est validée à chaque modification, avec les autres définitions chargées autour d'elle (appel parent, pièces partagées, territoires). Les problèmes s'affichent avec leur ligne et les diagrammes sont redessinés. Rien n'est enregistré.</p>
<form class="inline" method="get" action="/editeur">
<label for="appel">Partir de l'appel</label>
<select id="appel" name="appel">${calls.map((call) => html`<option value="${call.id}"${call.id === state.callId ? html` selected` : ''}>${call.definition.year} — ${call.definition.title}</option>`)}</select>
<button type="submit">Ouvrir</button>
</form>
<div class="editor">
<section aria-labelledby="titre-yaml">
<h2 id="titre-yaml"><label id="etiquette-yaml" for="yaml">Définition YAML</label></h2>
<p class="muted">Validée comme le fichier <code>${state.file}</code>.</p>
<p id="aide-editeur" class="muted" hidden>Complétion : Ctrl+Espace (la documentation de chaque clé s'affiche à côté). Survolez une clé, une valeur ou un soulignement pour son explication. Tab indente ; pour sortir de l'éditeur au clavier, appuyez sur Échap puis Tab.</p>
<form class="editor-form" method="post" action="/editeur">
<input type="hidden" name="file" value="${state.file}">
${state.callId === undefined ? '' : html`<input type="hidden" name="appel" value="${state.callId}">`}
<textarea id="yaml" name="yaml" wrap="off" spellcheck="false" autocomplete="off" autocapitalize="off" data-file="${state.file}" data-nonce="${state.nonce}" aria-describedby="statut">
${state.text}</textarea>
<div class="actions">
<button type="submit">Valider</button>
<button type="submit" formaction="/editeur/telechargement">Télécharger le YAML</button>
${state.impact?.kind === 'allowed' && state.callId !== undefined ? html`<input type="hidden" name="_csrf" value="${state.impact.csrf}"><button type="submit" formaction="/editeur/impact">Voir l'effet sur l'activité enregistrée</button>` : ''}
</div>
${state.impact?.kind === 'sign-in' ? html`<p class="muted" id="impact-connexion">L'effet de ce texte sur l'activité enregistrée (ménages, montants) est réservé aux agents du Département : <a href="/connexion?retour=${encodeURIComponent(`/editeur${state.callId === undefined ? '' : `?appel=${state.callId}`}`)}">connectez-vous</a>.</p>` : ''}
</form>
</section>
<div>
<section aria-labelledby="titre-validation">
<h2 id="titre-validation">Validation</h2>
${statusLine(state.result)}
<ol id="constats" class="findings" aria-label="Problèmes trouvés">${state.result.findings.map(
    (finding) => html`<li class="${finding.severity}"><button type="button" class="where" data-line="${finding.line}" data-column="${finding.column}">Ligne ${finding.line}, colonne ${finding.column}</button> — ${finding.severity === 'error' ? 'erreur' : 'avertissement'} : ${finding.message}</li>`,
  )}</ol>
</section>
<section aria-labelledby="titre-diagrammes">
<h2 id="titre-diagrammes">Cycles de vie</h2>
${LEGEND}
<p id="note-diagrammes" class="muted"${state.result.valid ? html` hidden` : ''}>Les diagrammes montrent la dernière version valide.</p>
<div id="diagrammes">${diagramFigures(state.machines)}</div>
</section>
</div>
</div>`;
  return page({ title: 'Éditeur de définition', section: 'editeur', body, scripts: ['editeur.js'] });
}

/** The status line: valid, or how many errors and warnings. */
function statusLine(result: ValidationResult): Html {
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.length - errors;
  const text = result.valid
    ? `Définition valide${result.call ? ` : appel ${result.call.id}` : ''}${warnings ? ` (${warnings} avertissement${warnings > 1 ? 's' : ''})` : ''}.`
    : `${errors} erreur${errors > 1 ? 's' : ''}${warnings ? `, ${warnings} avertissement${warnings > 1 ? 's' : ''}` : ''} : la définition n'est pas valide.`;
  return html`<p id="statut" class="status ${result.valid ? 'valid' : 'invalid'}" role="status" aria-live="polite" data-state="${result.valid ? 'valid' : 'invalid'}">${text}</p>`;
}
