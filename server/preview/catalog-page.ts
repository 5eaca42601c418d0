/**
 * The catalog: every call of the repository by year (title, territories, windows, status), then the
 * definitions that do not load, so that a new user sees at once what is wrong.
 */
import { html } from 'hono/html';
import type { Finding, Repository, ResolvedCall } from '../../engine/definition/index.ts';
import { describePeriod } from '../../engine/diff/index.ts';
import { territoryLabel } from './labels.ts';
import { page, statusBadge, type Html } from './layout.ts';

/** The catalog page. */
export function catalogPage(repository: Repository): Html {
  const calls = [...repository.calls.values()].sort(
    (a, b) => b.definition.year - a.definition.year || a.definition.title.localeCompare(b.definition.title, 'fr'),
  );
  const years = [...new Set(calls.map((call) => call.definition.year))];
  const errors = repository.findings.filter((finding) => finding.severity === 'error');
  const body = html`<h1>Catalogue des appels à projets</h1>
<p class="lead">${calls.length} appel${calls.length > 1 ? 's' : ''} chargé${calls.length > 1 ? 's' : ''} depuis les définitions YAML. Chaque appel a sa fiche : public, territoires, fenêtres, financement, tarifs avec exemples chiffrés, indicateurs, et les diagrammes de ses cycles de vie.</p>
${years.map(
  (year) => html`<section aria-labelledby="annee-${year}">
<h2 id="annee-${year}">${year}</h2>
<table class="catalog">
<colgroup><col class="call"><col class="territories"><col class="windows"><col class="status"></colgroup>
<thead><tr><th scope="col">Appel</th><th scope="col">Territoires</th><th scope="col">Fenêtres de candidature</th><th scope="col">Statut</th></tr></thead>
<tbody>
${calls.filter((call) => call.definition.year === year).map((call) => row(repository, call))}
</tbody>
</table>
</section>`,
)}
${calls.length === 0 ? html`<section><p>Aucun appel valide n'est chargé.</p></section>` : ''}
${errors.length > 0 ? problems(errors) : ''}`;
  return page({ title: 'Catalogue des appels', section: 'catalogue', body });
}

function row(repository: Repository, call: ResolvedCall): Html {
  const definition = call.definition;
  const windows = Object.entries(definition.windows);
  return html`<tr>
<td><a href="/appels/${call.id}">${definition.title}</a><br><span class="muted">${call.id}${call.parents[0] ? html` · reprend <a href="/appels/${call.parents[0]}">${call.parents[0]}</a>` : ''}</span></td>
<td>${definition.territories.map((id) => territoryLabel(repository, id)).join(', ')}</td>
<td><ul class="compact">${windows.map(
    ([id, window]) => html`<li>${window.label ?? id} : ${describePeriod(window.application)}</li>`,
  )}</ul></td>
<td>${statusBadge(definition.status)}</td>
</tr>`;
}

function problems(errors: Finding[]): Html {
  const files = [...new Set(errors.map((finding) => finding.file))];
  return html`<section aria-labelledby="erreurs">
<h2 id="erreurs">Définitions en erreur</h2>
<p>${errors.length} erreur${errors.length > 1 ? 's' : ''} dans ${files.length} fichier${files.length > 1 ? 's' : ''} : un appel en erreur n'est pas chargé. <code>npx dispositifs validate definitions</code> les liste aussi.</p>
<ul>${errors.slice(0, 50).map((finding) => html`<li><code>${finding.file}:${finding.line}:${finding.column}</code> — ${finding.message}</li>`)}</ul>
${errors.length > 50 ? html`<p class="muted">… et ${errors.length - 50} autres.</p>` : ''}
</section>`;
}
