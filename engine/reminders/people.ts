/**
 * The people reminded by e-mail: their scope (role, organisation, territories, as their sign-in gives them)
 * and how they want to be reminded: each reminder as it falls due, one daily digest, or none. A person is
 * recorded at sign-in when the provider gives a verified e-mail address; the mode is theirs to change.
 * @module
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.ts';

/** How a person is reminded. */
export type ReminderMode = 'each' | 'daily' | 'none';

/** The reminder modes, for forms. */
export const REMINDER_MODES: ReadonlyArray<readonly [ReminderMode, string]> = [
  ['each', 'Un courriel à chaque échéance'],
  ['daily', 'Un récapitulatif par jour'],
  ['none', 'Aucun courriel'],
];

/** A person as recorded. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  role: string;
  operatorId: string | null;
  territories: string[];
  mode: ReminderMode;
}

function toPerson(row: Database['people']): Person {
  const territories: unknown = typeof row.territories === 'string' ? JSON.parse(row.territories) : row.territories;
  return {
    id: row.id, name: row.name, email: row.email, role: row.role, operatorId: row.operator_id,
    territories: Array.isArray(territories) ? territories.filter((t): t is string => typeof t === 'string') : [],
    mode: (['each', 'daily', 'none'] as const).find((m) => m === row.mode) ?? 'each',
  };
}

/** Records (or refreshes) a person's scope and address at sign-in; keeps the mode they chose. */
export async function recordPerson(db: Kysely<Database>, person: Omit<Person, 'mode'>, at: string): Promise<void> {
  const values = {
    name: person.name, email: person.email, role: person.role, operator_id: person.operatorId,
    territories: JSON.stringify(person.territories), updated_at: at,
  };
  await db.insertInto('people').values({ id: person.id, ...values, mode: 'each', digest_sent_on: null })
    .onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
}

/** A person by id. */
export async function findPerson(db: Kysely<Database>, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

/** Changes how a person is reminded. */
export async function setReminderMode(db: Kysely<Database>, id: string, mode: ReminderMode, at: string): Promise<void> {
  await db.updateTable('people').set({ mode, updated_at: at }).where('id', '=', id).execute();
}

/** Everyone with an address who wants reminders. */
export async function reachablePeople(db: Kysely<Database>): Promise<Person[]> {
  const rows = await db.selectFrom('people').selectAll().where('email', 'is not', null).where('mode', '!=', 'none').execute();
  return rows.map(toPerson);
}

/** Whether a reminder for `roles` within an organisation and territory is for this person. */
export function concerns(person: Person, target: { roles: readonly string[]; operatorId: string | null; territory: string | null }): boolean {
  if (!target.roles.includes(person.role)) return false;
  switch (person.role) {
    case 'departement': return true;
    case 'operator': return target.operatorId !== null && person.operatorId === target.operatorId;
    case 'coordinator': return target.territory !== null && person.territories.includes(target.territory);
    default: return false;
  }
}
