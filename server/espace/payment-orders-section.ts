/**
 * The inbox section of the payment orders to emit, for the Département's finance service: by budget year,
 * each order with its beneficiary's convention, amount and due day, the rejected ones with their reason, and
 * what the finance service does next (the export of the year, documented in the README).
 * @module
 */
import { html } from 'hono/html';
import type { OrdersToIssue } from '../../engine/inbox/index.ts';
import { formatDate, type PlainDateString } from '../../engine/time/index.ts';
import type { Html } from '../preview/layout.ts';
import { euros } from './instance-page.ts';

/** The « Ordres de paiement à émettre » section. */
export function paymentOrdersSection(due: OrdersToIssue): Html {
  return html`<section aria-labelledby="ordres-a-emettre"><h2 id="ordres-a-emettre">Ordres de paiement à émettre</h2>
${due.count === 0 ? html`<p>Aucun ordre de paiement à émettre.</p>` : due.years.map((year) => html`<h3>Exercice ${year.budgetYear} : ${year.orders.length} ordre(s), ${euros(year.totalCents)}</h3>
<table><thead><tr><th scope="col">Convention</th><th scope="col">Échéance</th><th scope="col">Dû le</th><th scope="col">Montant</th><th scope="col">Rejet précédent</th></tr></thead><tbody>
${year.orders.map((order) => html`<tr><td><a href="/espace/dossiers/${encodeURIComponent(order.agreementId)}">${order.conventionReference}</a><br><small>${order.callId}</small></td>
<td>${order.label}</td><td>${formatDate(order.dueOn as PlainDateString)}</td><td>${euros(order.amountCents)}</td><td>${order.rejection ?? '—'}</td></tr>`)}
</tbody></table>
<p>Pour les émettre : <code>dispositifs payments export --year ${year.budgetYear} --out ordres-${year.budgetYear}.csv</code> (ou <code>POST /payments/export?year=${year.budgetYear}</code>), puis importer le retour du logiciel financier (<code>dispositifs payments import retour.csv</code>). Voir la section « Service fait et ordres de paiement » du README.</p>`)}
${due.truncated ? html`<p class="hint">Seuls les ${due.count} premiers ordres sont affichés.</p>` : ''}</section>`;
}
