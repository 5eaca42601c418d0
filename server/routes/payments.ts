/**
 * `/payments`: the payment orders, for the Département.
 * - `GET /?year=&call=&status=` — the orders (created first for any amount newly due);
 * - `GET /:id/history` — the statuses an order went through;
 * - `POST /export?year=2025` — the finance service: the CSV of the year's orders to emit (they become « émis »);
 *   the orders that cannot be emitted are in the `X-Ordres-Bloques` header count and `GET /?status=a-emettre`;
 * - `POST /import` — the finance service: the finance software's return (CSV), applied once per line.
 */
import { Hono } from 'hono';
import { EngineError } from '../../engine/errors.ts';
import { ORDER_STATUS_LABELS, type OrderStatus, type Payments } from '../../engine/payments/index.ts';
import type { ApiEnv } from '../auth.ts';
import { mediaTypeOf } from '../body.ts';
import { httpProblem } from '../problem.ts';
import { registerActor } from './organisations.ts';

// The same list as the OpenAPI document's PaymentStatus.
const STATUSES = Object.keys(ORDER_STATUS_LABELS) as readonly OrderStatus[];

function yearOf(text: string | undefined, required: boolean): number | undefined {
  if (text === undefined || text === '') {
    if (required) throw httpProblem('json-invalide', 'Paramètre year manquant : par exemple ?year=2025.');
    return undefined;
  }
  if (!/^\d{4}$/.test(text)) throw httpProblem('json-invalide', `Paramètre year invalide « ${text} » : une année sur 4 chiffres, par exemple 2025.`);
  return Number(text);
}

/**
 * The payments routes, to mount at `/payments`.
 * @example
 * app.route('/payments', paymentRoutes(payments));
 */
export function paymentRoutes(payments: Payments): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) throw httpProblem('json-invalide', `Statut « ${status} » inconnu : ${STATUSES.join(', ')}.`);
    const year = yearOf(c.req.query('year'), false);
    const call = c.req.query('call');
    const items = await payments.list({ ...(year !== undefined && { year }), ...(call !== undefined && { callId: call }), ...(status !== undefined && { status: status as OrderStatus }) }, registerActor(c.var.principal));
    return c.json({ items });
  });
  app.get('/:id/history', async (c) => c.json({ items: await payments.history(c.req.param('id'), registerActor(c.var.principal)) }));
  app.post('/export', async (c) => {
    const year = yearOf(c.req.query('year'), true) ?? 0;
    const result = await payments.export(year, registerActor(c.var.principal));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="ordres-de-paiement-${year}.csv"`);
    c.header('x-ordres-bloques', String(result.blocked.length));
    return c.body(result.csv);
  });
  app.post('/import', async (c) => {
    const mediaType = mediaTypeOf(c);
    if (mediaType !== 'text/csv' && mediaType !== 'text/plain') throw httpProblem('type-de-contenu-non-supporte', `Ce point d’accès attend le fichier retour en CSV (Content-Type: text/csv), reçu « ${mediaType || 'aucun'} ».`);
    const result = await payments.importReturn(await c.req.text(), registerActor(c.var.principal));
    if (result.findings.length > 0 && result.paid + result.rejected === 0) {
      throw new EngineError('donnees-invalides', `Retour non appliqué : ${result.findings.length} problème(s).`, { findings: result.findings.map((f) => ({ path: `/lignes/${f.line}/${f.column}`, message: f.message })) });
    }
    return c.json(result);
  });
  return app;
}
