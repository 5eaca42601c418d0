/**
 * The page of one call: its sheet (public, territories, windows, funding, tariffs with worked examples,
 * indicators, contacts, sources) and the diagrams of its lifecycles.
 */
import { html } from 'hono/html';
import type { DrawnMachine } from '../../engine/diagram/index.ts';
import type { Repository, ResolvedCall } from '../../engine/definition/index.ts';
import { diagramsSection } from './diagrams-section.ts';
import { page, statusBadge, type Html } from './layout.ts';
import { measuresSection } from './measures-section.ts';
import { retentionSection } from './retention-section.ts';
import {
  applicantsSection,
  contactsSection,
  evaluationSection,
  fundingSection,
  publicSection,
  sourcesSection,
  territoriesSection,
  windowsSection,
} from './sheet.ts';

const CONTENTS: Array<[string, string]> = [
  ['public', 'Public'],
  ['territoires', 'Territoires'],
  ['fenetres', 'Fenêtres'],
  ['porteurs', 'Porteurs de projets'],
  ['financement', 'Financement'],
  ['mesures', 'Mesures et tarifs'],
  ['evaluation', 'Bilans et indicateurs'],
  ['conservation', 'Conservation des données'],
  ['contacts', 'Contacts'],
  ['sources', 'Sources'],
  ['diagrammes', 'Cycles de vie'],
];

/** The call page. */
export function callPage(repository: Repository, call: ResolvedCall, machines: DrawnMachine[]): Html {
  const definition = call.definition;
  const parent = call.parents[0];
  const start = firstAgreementDay(call) ?? `${definition.year}-01-01`;
  const body = html`<article>
<p class="muted"><a href="/">Catalogue</a> › ${definition.year}</p>
<h1>${definition.title}</h1>
<p>${statusBadge(definition.status)} <span class="muted">${call.id} · version ${definition.version} · ${call.file}</span></p>
${definition.summary ? html`<p class="lead">${definition.summary}</p>` : ''}
${parent
    ? html`<p>Cet appel reprend <a href="/appels/${parent}">${parent}</a> et n'écrit que ce qui change : <a href="/appels/${call.id}/differences">voir les différences avec ${parent}</a>.</p>`
    : ''}
<p><a href="/editeur?appel=${call.id}">Ouvrir la définition dans l'éditeur</a></p>
<nav aria-label="Sur cette page"><p>Sur cette page : ${CONTENTS.map(([id, label], index) => html`${index > 0 ? ' · ' : ''}<a href="#${id}">${label}</a>`)}</p></nav>
${publicSection(repository, definition)}
${territoriesSection(repository, definition)}
${windowsSection(repository, definition)}
${applicantsSection(definition)}
${fundingSection(repository, definition)}
${measuresSection(definition, start)}
${evaluationSection(definition)}
${retentionSection(definition)}
${contactsSection(repository, definition)}
${sourcesSection(definition)}
${diagramsSection(machines, call.id)}
</article>`;
  return page({ title: definition.title, section: 'autre', body });
}

function firstAgreementDay(call: ResolvedCall): string | undefined {
  for (const window of Object.values(call.definition.windows)) if (window.agreement.unknown !== true && 'start' in window.agreement) return window.agreement.start;
  return undefined;
}
