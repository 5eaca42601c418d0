/**
 * The finance service's two forms of the inbox: « Émettre les ordres de l'exercice N » (the same export as
 * `POST /payments/export?year=`, answered as the same CSV download) and the import of the finance software's
 * return (the same import as `POST /payments/import`, its result shown in French above the inbox). Anyone but
 * the Département's finance service gets the page of an absent thing. A double click on « Émettre » sends the
 * same one-time key twice: the second answer is the first one's file, never a second export.
 * @module
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { mayIssueOrders, type ExportResult, type Payments, type ReturnResult } from '../../engine/payments/index.ts';
import type { Html } from '../preview/layout.ts';
import { registerActor } from '../routes/organisations.ts';
import type { SigninEnv } from '../signin/session-auth.ts';

/** Where the return file is posted (its body limit is the API's, not the forms'). */
export const RETURN_UPLOAD_PATH = '/espace/ordres/retour';

const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;
/** Exports remembered for a repeated one-time key (a double click): the most recent ones. */
const REMEMBERED_EXPORTS = 200;
/** Problems of a refused return listed on the page (a whole file of bad lines would be a page nobody reads). */
const SHOWN_FINDINGS = 50;

/** What the finance forms run on. */
export interface PaymentOrderFormDeps {
  payments: Payments;
  /** The inbox page with `outcome` shown in its payment orders section. */
  showInbox: (c: Context<SigninEnv>, outcome: PaymentOutcome, status: 200 | 422) => Promise<Response>;
  /** The page of an absent thing. */
  unseen: (c: Context<SigninEnv>) => Response | Promise<Response>;
}

/** What the last finance action gave, for the inbox to show. */
export type PaymentOutcome =
  | { kind: 'nothing-to-export'; year: number; blocked: string[] }
  | { kind: 'imported'; result: ReturnResult }
  | { kind: 'refused'; message: string; findings: ReturnResult['findings'] };

/**
 * The finance forms' routes, to mount at `/espace/ordres`.
 * @example
 * app.route('/espace/ordres', paymentOrderFormRoutes({ payments, showInbox, unseen }));
 */
export function paymentOrderFormRoutes(deps: PaymentOrderFormDeps): Hono<SigninEnv> {
  const app = new Hono<SigninEnv>();
  // One export per (person, one-time key), kept as its promise so that a second click during the first waits for it.
  const exports = new Map<string, Promise<ExportResult>>();

  app.post('/emettre', async (c) => {
    const actor = registerActor(c.var.principal);
    if (!mayIssueOrders(actor)) return deps.unseen(c);
    const form = await c.req.parseBody();
    const year = typeof form.exercice === 'string' && /^\d{4}$/.test(form.exercice) ? Number(form.exercice) : undefined;
    if (year === undefined) return deps.showInbox(c, { kind: 'refused', message: 'Exercice manquant ou invalide : choisissez l’exercice dans la liste des ordres à émettre.', findings: [] }, 422);
    const key = typeof form._cle === 'string' && FORM_KEY.test(form._cle) ? `${actor.id}:${year}:${form._cle}` : undefined;
    let pending = key === undefined ? undefined : exports.get(key);
    if (pending === undefined) {
      pending = deps.payments.export(year, actor);
      if (key !== undefined) {
        if (exports.size >= REMEMBERED_EXPORTS) exports.delete(exports.keys().next().value!);
        exports.set(key, pending);
        pending.catch(() => exports.delete(key));
      }
    }
    const result = await pending;
    if (result.exported.length === 0) {
      return deps.showInbox(c, { kind: 'nothing-to-export', year, blocked: result.blocked.map((b) => `${b.order.conventionReference} : ${b.reason}`) }, 200);
    }
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="ordres-de-paiement-${year}.csv"`);
    c.header('x-ordres-bloques', String(result.blocked.length));
    return c.body(result.csv);
  });

  app.post('/retour', async (c) => {
    const actor = registerActor(c.var.principal);
    if (!mayIssueOrders(actor)) return deps.unseen(c);
    const form = await c.req.parseBody();
    const file = form.fichier;
    if (typeof file === 'string' || file === undefined || file.size === 0) {
      return deps.showInbox(c, { kind: 'refused', message: 'Choisissez le fichier retour du logiciel financier (CSV) avant d’importer.', findings: [] }, 422);
    }
    const result = await deps.payments.importReturn(await file.text(), actor);
    if (result.findings.length > 0 && result.paid + result.rejected === 0) {
      return deps.showInbox(c, { kind: 'refused', message: `Retour non appliqué : ${result.findings.length} problème(s) ; rien n’a été modifié. Corrigez le fichier puis importez-le à nouveau.`, findings: result.findings }, 422);
    }
    return deps.showInbox(c, { kind: 'imported', result }, 200);
  });
  return app;
}

/** The outcome of the last finance action, in French (an alert when nothing was applied). */
export function paymentOutcomeBlock(outcome: PaymentOutcome): Html {
  switch (outcome.kind) {
    case 'nothing-to-export':
      return html`<div class="notice" role="status"><p>Aucun ordre de l’exercice ${outcome.year} n’est prêt à émettre : aucun fichier n’a été produit.</p>
${outcome.blocked.length === 0 ? '' : html`<p>Ordres bloqués :</p><ul>${outcome.blocked.map((b) => html`<li>${b}</li>`)}</ul>`}</div>`;
    case 'imported': {
      const { paid, rejected, unchanged, findings } = outcome.result;
      return html`<div class="notice" role="status"><p>Retour importé : ${paid} ordre(s) payé(s), ${rejected} rejeté(s) (de nouveau à émettre, avec leur motif), ${unchanged} ligne(s) déjà importée(s).</p>
${findings.length === 0 ? '' : html`<p>Lignes non appliquées :</p><ul>${findings.map((f) => html`<li>${f.message}</li>`)}</ul>`}</div>`;
    }
    case 'refused':
      return html`<div class="error-summary" role="alert" tabindex="-1" id="erreurs"><h2>Il y a un problème</h2><p>${outcome.message}</p>
${outcome.findings.length === 0 ? '' : html`<ul>${outcome.findings.slice(0, SHOWN_FINDINGS).map((f) => html`<li>${f.message}${f.column === '' ? '' : ` (colonne ${f.column})`}</li>`)}</ul>`}
${outcome.findings.length > SHOWN_FINDINGS ? html`<p>… et ${outcome.findings.length - SHOWN_FINDINGS} autre(s) problème(s) : corrigez d’abord ceux-ci.</p>` : ''}</div>`;
  }
}
