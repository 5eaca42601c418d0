/**
 * The inbox section of the payment orders to emit, for the Département's finance service: by budget year,
 * each order with its beneficiary's convention, amount and due day, the rejected ones with their reason, a
 * button per year that emits them (the CSV for the finance software comes back as a download), and the form
 * that imports the finance software's return file, with the result of the last action above them.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { html } from 'hono/html';
import type { OrdersToIssue } from '../../engine/inbox/index.ts';
import { formatDate, type PlainDateString } from '../../engine/time/index.ts';
import type { Html } from '../preview/layout.ts';
import { euros } from './instance-page.ts';
import { paymentOutcomeBlock, RETURN_UPLOAD_PATH, type PaymentOutcome } from './payment-orders-routes.ts';

/** The « Ordres de paiement à émettre » section, with its forms (posted with the session's CSRF token). */
export function paymentOrdersSection(due: OrdersToIssue, csrf: string, outcome?: PaymentOutcome): Html {
  const hidden = () => html`<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="_cle" value="${randomBytes(18).toString('base64url')}">`;
  return html`<section aria-labelledby="ordres-a-emettre"><h2 id="ordres-a-emettre">Ordres de paiement à émettre</h2>
${outcome === undefined ? '' : paymentOutcomeBlock(outcome)}
${due.count === 0 ? html`<p>Aucun ordre de paiement à émettre.</p>` : due.years.map((year) => html`<h3>Exercice ${year.budgetYear} : ${year.orders.length} ordre(s), ${euros(year.totalCents)}</h3>
<table><thead><tr><th scope="col">Convention</th><th scope="col">Échéance</th><th scope="col">Dû le</th><th scope="col">Montant</th><th scope="col">Rejet précédent</th></tr></thead><tbody>
${year.orders.map((order) => html`<tr><td><a href="/espace/dossiers/${encodeURIComponent(order.agreementId)}">${order.conventionReference}</a><br><small>${order.callId}</small></td>
<td>${order.label}</td><td>${formatDate(order.dueOn as PlainDateString)}</td><td>${euros(order.amountCents)}</td><td>${order.rejection ?? '—'}</td></tr>`)}
</tbody></table>
<form method="post" action="/espace/ordres/emettre">${hidden()}<input type="hidden" name="exercice" value="${year.budgetYear}">
<p class="hint" id="emettre-${year.budgetYear}-aide">Le fichier CSV des ordres, pour le logiciel financier, est téléchargé ; les ordres passent « émis ». Un ordre dont l’organisme n’a pas de SIRET ou d’IBAN au registre reste à émettre.</p>
<button class="primary" type="submit" aria-describedby="emettre-${year.budgetYear}-aide">Émettre les ordres de l’exercice ${year.budgetYear}</button></form>`)}
${due.truncated ? html`<p class="hint">Seuls les ${due.count} premiers ordres sont affichés.</p>` : ''}
<h3>Retour du logiciel financier</h3>
<form method="post" action="${RETURN_UPLOAD_PATH}" enctype="multipart/form-data">${hidden()}
<div class="field"><label for="retour--fichier">Fichier retour (CSV)</label>
<p class="hint" id="retour--fichier-aide">Colonnes reference_ordre;statut;date;mandat;motif : « paye » avec la date (JJ/MM/AAAA) et le numéro de mandat, ou « rejete » avec le motif. Le fichier est vérifié en entier avant d’être appliqué ; une ligne déjà importée n’est pas appliquée deux fois.</p>
<input type="file" id="retour--fichier" name="fichier" accept=".csv,text/csv" aria-describedby="retour--fichier-aide" required></div>
<button type="submit">Importer le retour</button></form></section>`;
}
