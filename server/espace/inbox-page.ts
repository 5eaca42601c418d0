/**
 * The inbox page, the first page after sign-in: what is due for the person, nearest first, late first,
 * and the instances they can see counted by state.
 * @module
 */
import { html } from 'hono/html';
import type { Inbox, OrdersToIssue } from '../../engine/inbox/index.ts';
import { formatDate, type PlainDateString } from '../../engine/time/index.ts';
import { page, type Html, type SignedIn } from '../preview/layout.ts';
import type { PaymentOutcome } from './payment-orders-routes.ts';
import { paymentOrdersSection } from './payment-orders-section.ts';

const ROLE_LABELS = new Map([
  ['departement', 'Département'], ['coordinator', 'Coordination territoriale'], ['operator', 'Opérateur'], ['evaluator', 'Évaluation'],
]);

/** The inbox of a signed-in person. */
export function inboxPage(input: {
  user: SignedIn; role: string; inbox: Inbox; applyTo: Array<{ id: string; title: string }>; paymentOrders?: OrdersToIssue;
  /** The result of the finance service's last export or import, shown in its section. */
  paymentOutcome?: PaymentOutcome;
  /** The calls whose indicators and budget the person reads (an evaluator). */
  reports?: Array<{ id: string; title: string }>;
}): Html {
  const { inbox } = input;
  const late = inbox.items.filter((i) => i.late).length;
  const body = html`<h1>Mon espace</h1>
<p><a href="/espace/preferences">Mes rappels par courriel</a></p>
<p class="lead">${ROLE_LABELS.get(input.role) ?? input.role} · ${inbox.items.length === 0 ? 'rien à faire pour l’instant' : `${inbox.items.length} dossier(s) attendent une action${late > 0 ? `, dont ${late} en retard` : ''}`}.</p>
${input.role === 'evaluator' ? html`<section><h2>Indicateurs et budget des appels</h2><p>Votre rôle lit les indicateurs agrégés des appels, pas les dossiers ; les effectifs trop petits pour ne désigner personne sont masqués.</p>
${(input.reports ?? []).length === 0 ? '' : html`<ul>${input.reports!.map((r) => html`<li><a href="/espace/appels/${encodeURIComponent(r.id)}/report.html">${r.title}</a></li>`)}</ul>`}</section>` : ''}
${inbox.items.length === 0 ? '' : html`<section><h2>À faire</h2><table><thead><tr><th scope="col">Échéance</th><th scope="col">Dossier</th><th scope="col">État</th><th scope="col">Vous pouvez</th></tr></thead><tbody>
${inbox.items.map((item) => html`<tr${item.late ? html` class="is-late"` : ''}>
<td>${item.due === undefined ? '—' : html`${formatDate(item.due.date as PlainDateString)}<br><small>${item.due.label}</small>`}${item.late ? html` <span class="late">en retard</span>` : ''}</td>
<td><a href="/espace/dossiers/${encodeURIComponent(item.instanceId)}">${item.lifecycleLabel}</a><br><small>${item.callId}${item.territory === null ? '' : ` · ${item.territory}`}</small></td>
<td>${item.state.label}</td>
<td>${item.actions.length === 0 ? '—' : item.actions.join(' ; ')}</td></tr>`)}
</tbody></table>${inbox.truncated ? html`<p class="hint">Seuls les ${inbox.scanned} premiers dossiers ont été lus.</p>` : ''}</section>`}
${input.paymentOrders === undefined ? '' : paymentOrdersSection(input.paymentOrders, input.user.csrf, input.paymentOutcome)}
${input.applyTo.length === 0 ? '' : html`<section><h2>Appels ouverts à candidature</h2><ul>${input.applyTo.map((c) => html`<li><a href="/espace/candidater/${encodeURIComponent(c.id)}">${c.title}</a></li>`)}</ul></section>`}
${inbox.byState.length === 0 ? '' : html`<section><h2>Vos dossiers par état</h2><table><thead><tr><th scope="col">Dossier</th><th scope="col">État</th><th scope="col">Nombre</th></tr></thead><tbody>
${inbox.byState.map((row) => html`<tr><td>${row.lifecycle}</td><td>${row.state}</td><td>${row.count}</td></tr>`)}</tbody></table></section>`}`;
  return page({ title: 'Mon espace', section: 'espace', body, user: input.user });
}
