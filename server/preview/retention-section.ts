/**
 * The call sheet's section on personal data: each kind's retention period, the Département's warning,
 * and what erasure keeps for the indicators.
 */
import { html } from 'hono/html';
import type { Call } from '../../engine/definition/index.ts';
import { describeRetention } from '../../engine/privacy/index.ts';
import type { Html } from './layout.ts';

/** « Conservation des données ». */
export function retentionSection(call: Call): Html {
  const words = describeRetention(call);
  return html`<section aria-labelledby="conservation"><h2 id="conservation">Conservation des données</h2>
${words.length === 0 ? html`<p class="muted">L'appel ne déclare aucune donnée personnelle.</p>` : html`<dl class="facts">${words.map((w) => html`<dt>${w.label}</dt><dd>${w.sentence}${w.kept.map((k) => html`<br><span class="muted">Gardé pour les indicateurs (${k.owner}) : ${k.fields.join(', ')}.</span>`)}</dd>`)}</dl>`}
</section>`;
}
