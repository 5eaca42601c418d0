/**
 * The lifecycle diagrams of a call, inlined as SVG, with a legend and links to their DOT and Mermaid text.
 */
import { html, raw } from 'hono/html';
import { machineSlug, type DrawnMachine } from '../../engine/diagram/index.ts';
import type { Html } from './layout.ts';

/** The legend of the diagrams' conventions. */
export const LEGEND = html`<p class="legend">Lecture : le point noir mène à l'état initial ; un état final a une double bordure ; sous chaque événement, « si : » donne les gardes, « · » les effets, et « minuterie — » l'échéance qui envoie l'événement (trait pointillé).</p>`;

/** One figure per lifecycle; `callId` adds links to the text formats. */
export function diagramFigures(machines: DrawnMachine[], callId?: string): Html {
  return html`${machines.map(
    (machine) => html`<figure class="diagram" data-machine="${machine.key}">
<figcaption>${machine.title}${callId === undefined ? '' : html` <span class="muted">— texte : <a href="/appels/${callId}/diagrammes/${machineSlug(machine.key)}.dot" aria-label="${machine.title} au format DOT">DOT</a>, <a href="/appels/${callId}/diagrammes/${machineSlug(machine.key)}.mmd" aria-label="${machine.title} au format Mermaid">Mermaid</a>, <a href="/appels/${callId}/diagrammes/${machineSlug(machine.key)}.svg" aria-label="${machine.title} en SVG seul">SVG</a></span>`}</figcaption>
${raw(machine.text)}
</figure>`,
  )}`;
}

/** The diagrams section of a call page. */
export function diagramsSection(machines: DrawnMachine[], callId: string): Html {
  return html`<section aria-labelledby="diagrammes"><h2 id="diagrammes">Cycles de vie</h2>
${LEGEND}
${machines.length === 0 ? html`<p class="muted">Aucun cycle de vie défini.</p>` : diagramFigures(machines, callId)}
</section>`;
}
