/**
 * `/agreements`: the selected applications, with their money: the ledger computed today (agreed, earned,
 * advance, balance, due, paid, explained in French), the payment schedule (what became due and what
 * was paid, row by row, as the engine wrote it) and the ledger's rows a page at a time.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { LedgerRecord } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { httpProblem } from '../problem.ts';
import { pageRequest, pageResponse } from '../pagination.ts';
import { actorOf } from '../principal.ts';
import { redactData } from '../redaction.ts';
import { versionTag } from '../version-tag.ts';
import { visibleRecord, type InstanceRouteDeps } from './instances.ts';

/** The address of the ledger rows after `cursor` (pages of `limit`), from the address of `/agreements/:id/ledger`. */
function nextRowsPath(ledgerUrl: string, limit: number, cursor: string): string {
  return `${new URL(ledgerUrl).pathname}/rows?${new URLSearchParams({ limit: String(limit), cursor }).toString()}`;
}

/**
 * The agreements routes, to mount at `/agreements`.
 * @example
 * app.route('/agreements', agreementRoutes(deps));
 */
export function agreementRoutes(deps: InstanceRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const { engine } = deps;

  app.get('/', async (c) => {
    const { limit, cursor } = pageRequest(c);
    const call = c.req.query('call');
    const page = await engine.list(
      { kind: 'application', selected: true, limit, ...(call ? { callId: call } : {}), ...(cursor === undefined ? {} : { cursor }) },
      actorOf(c.var.principal),
    );
    return pageResponse(c, { items: page.items, nextCursor: page.nextCursor ?? null });
  });

  const scheduleOf = (rows: LedgerRecord[]) => rows.map(({ kind, amountCents, at, label, instanceId }) => ({ kind, amountCents, at, label, instanceId }));

  // An application that was never selected is no agreement: absent here.
  const agreementRecord = async (c: Context<ApiEnv>, id: string) => {
    const record = await visibleRecord(deps, c, 'application', id);
    if (record.selectedOn === null) throw httpProblem('ressource-inconnue', 'Aucune convention à cette adresse (la candidature n’est pas retenue).');
    return record;
  };

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const record = await agreementRecord(c, id);
    const actor = actorOf(c.var.principal);
    const view = await engine.get(id, actor);
    const fields = await deps.sensitivities.of(record);
    const { data, hidden } = redactData(view.data, fields, c.var.principal);
    const { ledger, schedule } = await engine.ledger(id, actor, { limit: 1 });
    c.header('etag', versionTag(view.version));
    return c.json({ agreement: { ...view, data, hidden }, ledger, schedule: scheduleOf(schedule) });
  });

  // The sums, the schedule and the first page of rows (`?limit=`); the next pages through `/ledger/rows`,
  // whose cost does not grow with the agreement (one row per paid act: as many as its measures' acts).
  app.get('/:id/ledger', async (c) => {
    const id = c.req.param('id');
    const { limit, cursor } = pageRequest(c);
    await agreementRecord(c, id);
    const { ledger, schedule, rows, nextCursor } = await engine.ledger(id, actorOf(c.var.principal), { limit, ...(cursor !== undefined && { cursor }) });
    if (nextCursor !== undefined) c.header('link', `<${nextRowsPath(c.req.url, limit, nextCursor)}>; rel="next"`);
    return c.json({ ledger, schedule: scheduleOf(schedule), rows, nextCursor: nextCursor ?? null });
  });

  app.get('/:id/ledger/rows', async (c) => {
    const id = c.req.param('id');
    const { limit, cursor } = pageRequest(c);
    await agreementRecord(c, id);
    const page = await engine.ledgerRows(id, actorOf(c.var.principal), { limit, ...(cursor !== undefined && { cursor }) });
    return pageResponse(c, { items: page.items, nextCursor: page.nextCursor ?? null });
  });

  return app;
}
