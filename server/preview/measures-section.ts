/**
 * The measure kinds of a call: what each one is, its duration and acts, its tariff in words and worked
 * examples computed by the money module.
 */
import { html } from 'hono/html';
import type { Call, Measure } from '../../engine/definition/index.ts';
import { describeMeasureDuration, describeMoney, describeTariff } from '../../engine/diff/index.ts';
import type { Html } from './layout.ts';
import { tariffExamples } from './tariff-examples.ts';

/** The measures section; `start` is the first agreement day, where example periods begin. */
export function measuresSection(call: Call, start: string): Html {
  const measures = Object.entries(call.measures ?? {});
  return html`<section aria-labelledby="mesures"><h2 id="mesures">Mesures financées et tarifs</h2>
${measures.length === 0 ? html`<p class="muted">Aucun type de mesure : la participation est versée à la convention.</p>` : ''}
${measures.map(([id, measure]) => measureArticle(id, measure, start))}
</section>`;
}

/** A sum tariff as a list of its parts; any other tariff in one sentence. */
function tariffWords(measure: Measure): Html | string {
  const tariff = measure.tariff;
  if (tariff === undefined) return 'aucun tarif par mesure';
  const acts = measure.acts ?? {};
  if (tariff.kind !== 'sum') return describeTariff(tariff, acts);
  return html`${tariff.label ?? 'Somme des parts suivantes'}${tariff.max ? ` (au plus ${describeMoney(tariff.max)})` : ''} :
<ul class="compact">${Object.entries(tariff.parts).map(([id, part]) => html`<li>${part.label ?? id} : ${describeTariff(part, acts)}</li>`)}</ul>`;
}

function measureArticle(id: string, measure: Measure, start: string): Html {
  const acts = Object.entries(measure.acts ?? {});
  const examples = tariffExamples(measure, start);
  const rules = Object.values(measure.beneficiary?.eligibility ?? {});
  return html`<article aria-labelledby="mesure-${id}">
<h3 id="mesure-${id}">${measure.label ?? id} <span class="muted">(${id})</span></h3>
${measure.description ? html`<p>${measure.description}</p>` : ''}
<dl class="facts">
${measure.duration ? html`<dt>Durée</dt><dd>${describeMeasureDuration(measure.duration)}</dd>` : ''}
${acts.length ? html`<dt>Actes comptés</dt><dd>${acts.map(([, act]) => act.label).join(', ')}</dd>` : ''}
<dt>Tarif</dt><dd>${tariffWords(measure)}</dd>
</dl>
${rules.length ? html`<p><strong>Éligibilité du bénéficiaire :</strong></p><ul>${rules.map((rule) => html`<li>${rule.label}</li>`)}</ul>` : ''}
${examples.map(
    (example) => html`<div class="example"><p><strong>Exemple : ${example.title}</strong></p>
<ol>${example.lines.map((line) => html`<li>${line.text}</li>`)}</ol>
<p class="total">Montant dû : <span class="money">${example.total}</span></p></div>`,
  )}
</article>`;
}
