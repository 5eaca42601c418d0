/**
 * From the outbox to deliveries: a notification whose day has come becomes one delivery per person it
 * concerns (a primary key on the pair: never twice), each then sent once, or retried with a growing delay
 * when the mail server fails. The sending itself is the caller's (an effect at the edge).
 * @module
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';
import { concerns, reachablePeople, type Person } from './people.ts';

/** A delivery to send, with what it says. */
export interface DueDelivery {
  notificationId: string;
  person: Person;
  instanceId: string;
  callId: string;
  kind: string;
  subject: string;
  dueDate: string | null;
  attempts: number;
}

/** Retry delays: 1, 2, 4 … minutes, at most a day; after {@link MAX_ATTEMPTS} the delivery is given up. */
export const MAX_ATTEMPTS = 8;

/** The delay before the attempt after `attempts` failures (ms). */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 24 * 3600_000);
}

function roles(value: unknown): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
}

/** Turns the notifications due on or before `today` into deliveries; returns how many deliveries were made. */
export async function expandDueNotifications(db: Kysely<Database>, today: string, now: string): Promise<number> {
  const due = await db.selectFrom('notifications').selectAll().where('status', '=', 'pending').where('send_on', '<=', today).orderBy('send_on').orderBy('id').limit(1000).execute();
  if (due.length === 0) return 0;
  const people = await reachablePeople(db);
  let made = 0;
  for (const notification of due) {
    const target = { roles: roles(notification.roles), operatorId: notification.operator_id, territory: notification.territory };
    const rows = people.filter((p) => concerns(p, target)).map((p) => ({
      notification_id: notification.id, person_id: p.id, status: 'pending', attempts: 0, next_attempt_at: now, sent_at: null, last_error: null,
    }));
    await db.transaction().execute(async (trx) => {
      if (rows.length > 0) await trx.insertInto('deliveries').values(rows).onConflict((oc) => oc.columns(['notification_id', 'person_id']).doNothing()).execute();
      await trx.updateTable('notifications').set({ status: 'expanded' }).where('id', '=', notification.id).where('status', '=', 'pending').execute();
    });
    made += rows.length;
  }
  return made;
}

/** The deliveries ready to send now, for people in `mode`. */
export async function readyDeliveries(db: Kysely<Database>, mode: 'each' | 'daily', now: string, limit = 200): Promise<DueDelivery[]> {
  const rows = await db.selectFrom('deliveries')
    .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
    .innerJoin('people', 'people.id', 'deliveries.person_id')
    .select([
      'deliveries.notification_id', 'deliveries.attempts', 'notifications.instance_id', 'notifications.call_id', 'notifications.kind',
      'notifications.subject', 'notifications.due_date', 'people.id as person_id', 'people.name', 'people.email', 'people.role',
      'people.operator_id', 'people.territories', 'people.mode',
    ])
    .where('deliveries.status', '=', 'pending').where('deliveries.next_attempt_at', '<=', now).where('people.mode', '=', mode)
    .orderBy('people.id').orderBy('notifications.due_date').orderBy('deliveries.notification_id').limit(limit).execute();
  return rows.map((r) => ({
    notificationId: r.notification_id, instanceId: r.instance_id, callId: r.call_id, kind: r.kind, subject: r.subject, dueDate: r.due_date, attempts: r.attempts,
    person: { id: r.person_id, name: r.name, email: r.email, role: r.role, operatorId: r.operator_id, territories: roles(r.territories), mode },
  }));
}

/** Marks deliveries sent (after the mail server accepted the message). */
export async function markSent(db: Kysely<Database>, deliveries: readonly DueDelivery[], now: string): Promise<void> {
  for (const d of deliveries) {
    await db.updateTable('deliveries').set({ status: 'sent', sent_at: now, attempts: d.attempts + 1 })
      .where('notification_id', '=', d.notificationId).where('person_id', '=', d.person.id).where('status', '=', 'pending').execute();
  }
}

/** Records a failed attempt: retried later with a growing delay, given up after {@link MAX_ATTEMPTS}. */
export async function markFailed(db: Kysely<Database>, deliveries: readonly DueDelivery[], now: Date, reason: string): Promise<void> {
  for (const d of deliveries) {
    const attempts = d.attempts + 1;
    await db.updateTable('deliveries').set({
      attempts, last_error: reason.slice(0, 300), status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
      next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
    }).where('notification_id', '=', d.notificationId).where('person_id', '=', d.person.id).where('status', '=', 'pending').execute();
  }
}

/** Records that a person's digest of `day` went out (one a day). */
export async function markDigestSent(db: Kysely<Database>, personId: string, day: string): Promise<void> {
  await db.updateTable('people').set({ digest_sent_on: day }).where('id', '=', personId).execute();
}

/** Whether a person's digest of `day` already went out. */
export async function digestSentOn(db: Kysely<Database>, personId: string, day: string): Promise<boolean> {
  const row = await db.selectFrom('people').select('digest_sent_on').where('id', '=', personId).executeTakeFirst();
  return row?.digest_sent_on === day;
}
