/**
 * An instance's page for a signed-in person: its state and the diagram of its lifecycle with the path
 * taken, the events the person may send now as forms generated from their payload schemas, pending
 * deadlines, the data and the history (redacted for the person), the earnings with their French
 * breakdown. Nothing here names a call.
 * @module
 */
import { html, raw } from 'hono/html';
import type { Earning, Ledger } from '../../engine/money/index.ts';
import type { HistoryEntry, InstanceView } from '../../engine/runtime/index.ts';
import { formatDate, type PlainDateString } from '../../engine/time/index.ts';
import { page, type Html, type SignedIn } from '../preview/layout.ts';
import { errorSummary, renderFields } from './form-render.ts';
import type { FieldError, FormField } from './form-fields.ts';

/** An event the person may send, with its generated form. */
export interface EventForm {
  type: string;
  label: string;
  fields: FormField[];
}

/** A failed attempt to send an event, shown again with what was typed. */
export interface FailedEvent {
  type: string;
  message?: string;
  errors: FieldError[];
  values: Record<string, unknown>;
}

/** What the page shows. */
export interface InstancePageInput {
  user: SignedIn;
  view: InstanceView;
  lifecycleLabel: string;
  data: Record<string, unknown>;
  hidden: string[];
  history: HistoryEntry[];
  forms: EventForm[];
  earning?: Earning;
  diagram?: string;
  /** The French labels of the data's fields (from the definition). */
  fieldLabels?: ReadonlyMap<string, string>;
  /** A one-time key per form: a double click sends the same key, and the engine applies it once. */
  keyOf: (type: string) => string;
  failed?: FailedEvent;
  notice?: string;
  /** An agreement's ledger and payment schedule (a selected application). */
  ledger?: { ledger: Ledger; schedule: Array<{ label: string; amountCents: number; at: string }> };
  /** The measures a household can be referred to under this agreement (for who may refer). */
  referrals?: Array<{ measure: string; label: string }>;
  /** An agreement's reports (the first 50), each with its state. */
  reports?: Array<{ id: string; label: string; state: string }>;
  /** What the engine warned of when the last event was recorded (a late declaration). */
  warnings?: string[];
  today: PlainDateString;
}

/** An amount in cents as users read it: `1 234,56 €`. */
export function euros(cents: number): string {
  return `${(cents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace(/\u202f|\u00a0/g, ' ')} €`;
}

function valueText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value as PlainDateString);
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The whole page. */
export function instancePage(input: InstancePageInput): Html {
  const { view, failed } = input;
  const title = `${input.lifecycleLabel} — ${view.state.label}`;
  const body = html`<p><a href="/espace">← Mon espace</a></p>
<h1>${input.lifecycleLabel} <small>(${view.callId})</small></h1>
${input.notice === undefined ? '' : html`<div class="notice" role="status">${input.notice}${(input.warnings ?? []).length === 0 ? '' : html`<ul>${input.warnings!.map((w) => html`<li>${w}</li>`)}</ul>`}</div>`}
${failed === undefined ? '' : errorSummary(failed.type, failed.message, failed.errors)}
<section><h2>Où en est le dossier</h2>
<dl class="facts"><dt>État</dt><dd><strong>${view.state.label}</strong>${view.state.final ? ' (dossier clos)' : ''}</dd>
${view.territory === null ? '' : html`<dt>Territoire</dt><dd>${view.territory}</dd>`}
${view.operatorId === null ? '' : html`<dt>Opérateur</dt><dd>${view.operatorId}</dd>`}
<dt>Version</dt><dd>${view.version}</dd>
<dt>Appel</dt><dd><a href="/espace/appels/${encodeURIComponent(view.callId)}/report.html">indicateurs et budget de l'appel</a></dd></dl>
${input.diagram === undefined ? '' : html`<figure class="diagram" tabindex="0"><figcaption>Le cycle de vie ; le chemin suivi et l'état actuel sont mis en évidence.</figcaption>${raw(input.diagram)}</figure>`}
</section>
${actionsSection(input)}
${input.referrals === undefined || input.referrals.length === 0 ? '' : html`<section><h2>Orienter un ménage</h2><ul>${input.referrals.map((r) => html`<li><a href="/espace/orienter/${encodeURIComponent(view.id)}/${encodeURIComponent(r.measure)}">${r.label}</a></li>`)}</ul></section>`}
${input.reports === undefined || input.reports.length === 0 ? '' : html`<section><h2>Bilans</h2><ul>${input.reports.map((r) => html`<li><a href="/espace/dossiers/${encodeURIComponent(r.id)}">${r.label}</a> : ${r.state}</li>`)}</ul></section>`}
${input.ledger === undefined ? '' : ledgerSection(input.ledger)}
${view.timers.length === 0 ? '' : html`<section><h2>Échéances</h2><ul>${view.timers.map((t) => html`<li>${formatDate(t.dueDate as PlainDateString)} : ${t.label}${t.dueDate < input.today ? html` <span class="late">en retard</span>` : ''}</li>`)}</ul></section>`}
${input.earning === undefined ? '' : html`<section><h2>Montant acquis</h2><p><strong>${euros(input.earning.cents)}</strong></p><ul>${input.earning.lines.map((l) => html`<li>${l.text}</li>`)}</ul></section>`}
<section><h2>Données</h2>${Object.keys(input.data).length === 0 ? html`<p>Aucune donnée.</p>` : html`<dl class="facts">${Object.entries(input.data).map(([k, v]) => html`<dt>${input.fieldLabels?.get(k) ?? k}</dt><dd>${valueText(v)}</dd>`)}</dl>`}
${input.hidden.length === 0 ? '' : html`<p class="hint">${input.hidden.length} donnée(s) sensible(s) ne vous sont pas montrées.</p>`}</section>
<section><h2>Historique</h2><table><thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">Par</th></tr></thead><tbody>
${input.history.map((e) => html`<tr><td>${e.date === undefined ? e.at.slice(0, 10) : formatDate(e.date as PlainDateString)}</td><td>${e.label}</td><td>${e.actor.role === 'system' ? 'échéance' : e.actor.id}</td></tr>`)}
</tbody></table></section>`;
  return page({ title, section: 'espace', body, user: input.user });
}

function actionsSection(input: InstancePageInput): Html | string {
  if (input.forms.length === 0) {
    return html`<section><h2>Ce que vous pouvez faire</h2><p>Rien pour l'instant : aucune action n'est ouverte à votre rôle dans cet état.</p></section>`;
  }
  return html`<section><h2>Ce que vous pouvez faire</h2>
${input.forms.map((form) => {
    const failed = input.failed?.type === form.type ? input.failed : undefined;
    return html`<form class="event" method="post" action="/espace/dossiers/${encodeURIComponent(input.view.id)}/evenements">
<h3>${form.label}</h3>
<input type="hidden" name="_csrf" value="${input.user.csrf}">
<input type="hidden" name="_type" value="${form.type}">
<input type="hidden" name="_version" value="${String(input.view.version)}">
<input type="hidden" name="_cle" value="${input.keyOf(form.type)}">
${renderFields(form.type, form.fields, failed?.values ?? {}, failed?.errors ?? [])}
<button class="primary" type="submit">${form.label}</button></form>`;
  })}</section>`;
}

function ledgerSection(input: NonNullable<InstancePageInput['ledger']>): Html {
  const { ledger } = input;
  const row = (label: string, cents: number) => html`<dt>${label}</dt><dd>${euros(cents)}</dd>`;
  return html`<section><h2>Suivi financier de la convention</h2>
<dl class="facts">${row('Montant conventionné', ledger.agreed)}${row('Acquis par l’activité', ledger.earned)}${row('Avance', ledger.advance)}${row('Solde', ledger.balance)}${row('Dû à ce jour', ledger.due)}${row('Versé', ledger.paid)}${row('Reste à verser', ledger.remaining)}</dl>
<h3>Détail</h3><ul>${ledger.lines.map((l) => html`<li>${l.text}</li>`)}</ul>
${input.schedule.length === 0 ? '' : html`<h3>Échéancier</h3><table><thead><tr><th scope="col">Date</th><th scope="col">Échéance</th><th scope="col">Montant</th></tr></thead><tbody>${input.schedule.map((s) => html`<tr><td>${formatDate(s.at as PlainDateString)}</td><td>${s.label}</td><td>${euros(s.amountCents)}</td></tr>`)}</tbody></table>`}</section>`;
}
