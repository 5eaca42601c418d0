/**
 * `2026-12-03-i13-scoped-idempotency-keys`: idempotency keys recorded before keys were scoped to their
 * sender are rewritten in the scoped form the engine now looks up (`["organisation", operatorId, key]`
 * for an operator, `["principal", role, id, key]` otherwise), so that a retry sent across the upgrade is
 * still recognised instead of applied twice. Rows are read a page at a time (bounded memory).
 */
import type { Kysely, Migration } from 'kysely';

const PAGE = 500;

interface KeyedRow {
  seq: number | string;
  idempotency_key: string;
  actor: unknown;
  operator_id: string | null;
}

/** The scoped form of a key recorded unscoped (the same rule as the engine's `scopedKey`). */
function scoped(row: KeyedRow): string {
  const actor = (typeof row.actor === 'string' ? JSON.parse(row.actor) : row.actor) as { id?: string; role?: string };
  const scope = actor.role === 'operator' && row.operator_id !== null
    ? ['organisation', row.operator_id]
    : ['principal', String(actor.role), String(actor.id)];
  return JSON.stringify([...scope, row.idempotency_key]);
}

/** The migration (the same for SQLite and PostgreSQL). */
export const scopedKeysMigration: Migration = {
  async up(db: Kysely<any>) {
    let after: number = -1;
    for (;;) {
      const rows = (await db.selectFrom('events')
        .innerJoin('instances', 'instances.id', 'events.instance_id')
        .select(['events.seq', 'events.idempotency_key', 'events.actor', 'instances.operator_id'])
        .where('events.idempotency_key', 'is not', null)
        .where('events.seq', '>', after)
        .orderBy('events.seq')
        .limit(PAGE)
        .execute()) as KeyedRow[];
      for (const row of rows) {
        await db.updateTable('events').set({ idempotency_key: scoped(row) }).where('seq', '=', row.seq).execute();
      }
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  },
};
