/**
 * `/agreements`: the selected applications, with their money: the ledger computed today (agreed, earned,
 * advance, balance, due, paid, explained in French) and the payment schedule (what became due and what
 * was paid, row by row, as the engine wrote it).
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

/** The kinds of ledger rows that make the payment schedule (what falls due, what is paid). */
const SCHEDULE_KINDS: ReadonlySet<LedgerRecord['kind']> = new Set(['advance', 'balance', 'paid']);

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

  const ledgerOf = async (id: string, actor: ReturnType<typeof actorOf>) => {
    const { ledger, rows } = await engine.ledger(id, actor);
    const schedule = rows
      .filter((row) => SCHEDULE_KINDS.has(row.kind))
      .map(({ kind, amountCents, at, label, instanceId }) => ({ kind, amountCents, at, label, instanceId }));
    return { ledger, rows, schedule };
  };

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
    const { ledger, schedule } = await ledgerOf(id, actor);
    c.header('etag', versionTag(view.version));
    return c.json({ agreement: { ...view, data, hidden }, ledger, schedule });
  });

  app.get('/:id/ledger', async (c) => {
    const id = c.req.param('id');
    await agreementRecord(c, id);
    return c.json(await ledgerOf(id, actorOf(c.var.principal)));
  });

  return app;
}
