/**
 * The register of organisations: create, change, read and list operators, every change appended to their
 * history in the same transaction. Only the Département writes; an operator reads its own organisation;
 * the bank details are read by the Département's finance service only (others see them masked).
 */
import type { Kysely } from 'kysely';
import { EngineError } from '../errors.ts';
import type { Database } from '../store/index.ts';
import { parseJson } from '../store/rows.ts';
import { maskIban } from './identifiers.ts';
import { checkOrganisation, type OrganisationFinding } from './organisation-check.ts';
import { ORGANISATION_FIELDS, type Organisation, type OrganisationChange, type OrganisationInput, type OrganisationView, type RegisterActor } from './organisation-types.ts';
import { registerDb, type OrganisationsTable, type RegisterDb } from './register-tables.ts';

/** What a write did: created, changed, or nothing (the same values again). */
export type RegisterOutcome = 'creation' | 'modification' | 'inchange';

/** The register over a store's database. */
export interface OrganisationRegister {
  /** Creates or changes an organisation (refused with findings when a field is wrong); the same values again change nothing. */
  put(raw: Record<string, unknown>, actor: RegisterActor, options?: { at?: string; kind?: 'import' }): Promise<{ outcome: RegisterOutcome; organisation: OrganisationView }>;
  /** An organisation as `actor` may see it; refused (`instance-inconnue`) when absent or out of reach. */
  get(id: string, actor: RegisterActor): Promise<OrganisationView>;
  /** The organisation of an id, whatever the reader (the engine's own reads: conventions, orders, open data). */
  find(id: string): Promise<Organisation | undefined>;
  /** Every organisation `actor` may see, by id. */
  list(actor: RegisterActor): Promise<OrganisationView[]>;
  /** The history of an organisation, oldest first. */
  history(id: string, actor: RegisterActor): Promise<OrganisationChange[]>;
  /** How many organisations the register holds. */
  count(): Promise<number>;
  /** Whether an application may name this operator: registered, or any while the register is still empty. */
  admits(operatorId: string): Promise<boolean>;
}

/** Refuses a write with its findings (`donnees-invalides`, findings in details). */
export function refuseFindings(findings: OrganisationFinding[], what = "L'organisme"): never {
  throw new EngineError('donnees-invalides', `${what} n'est pas enregistré : ${findings.map((f) => `${f.path.slice(1)} : ${f.message}`).join(' ; ')}`, { findings });
}

function toOrganisation(row: OrganisationsTable): Organisation {
  return {
    id: row.id, name: row.name, siret: row.siret,
    ...(row.rna !== null && { rna: row.rna }),
    ...(row.address !== null && { address: row.address }),
    ...(row.email !== null && { email: row.email }),
    ...(row.iban !== null && { iban: row.iban }),
    version: Number(row.version), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** The organisation without its bank details unless the reader is the finance service. */
export function organisationView(organisation: Organisation, actor: RegisterActor): OrganisationView {
  const { iban, ...rest } = organisation;
  if (iban === undefined) return rest;
  return actor.finance === true ? { ...rest, iban } : { ...rest, ibanMasked: maskIban(iban) };
}

function readable(actor: RegisterActor, id: string): boolean {
  if (actor.role === 'departement' || actor.role === 'system') return true;
  return actor.role === 'operator' && actor.operatorId === id;
}

function unknown(id: string): EngineError {
  return new EngineError('instance-inconnue', `Organisme « ${id} » introuvable dans le registre : vérifiez son identifiant ou enregistrez-le (dispositifs organisations import).`, { organisationId: id });
}

/**
 * Opens the register on the store's database (the tables come with the store's migrations).
 * @example
 * const register = organisationRegister(store.db);
 * await register.put({ id: 'adil-62', name: 'ADIL du Pas-de-Calais', siret: '…' }, { id: 'agent', role: 'departement' });
 */
export function organisationRegister(database: Kysely<Database>, now: () => Date = () => new Date()): OrganisationRegister {
  const db: RegisterDb = registerDb(database);
  const fetch = async (id: string) => {
    const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toOrganisation(row);
  };

  return {
    async put(raw, actor, options = {}) {
      if (actor.role !== 'departement' && actor.role !== 'system') {
        throw new EngineError('role-non-autorise', "Seul le Département tient le registre des organismes : demandez-lui d'enregistrer la modification.", { role: actor.role });
      }
      const { organisation, findings } = checkOrganisation(raw);
      if (organisation === undefined) return refuseFindings(findings);
      const at = options.at ?? now().toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('organisations').selectAll().where('id', '=', organisation.id).executeTakeFirst();
        const before = row === undefined ? undefined : toOrganisation(row);
        const changes: OrganisationChange['changes'] = {};
        for (const field of ORGANISATION_FIELDS) {
          if (field === 'id') continue;
          const from = before?.[field] ?? null;
          const to = organisation[field] ?? null;
          if (from !== to) changes[field] = { from, to };
        }
        if (before !== undefined && Object.keys(changes).length === 0) return { outcome: 'inchange' as const, organisation: organisationView(before, actor) };
        const version = (before?.version ?? 0) + 1;
        const values = {
          name: organisation.name, siret: organisation.siret, rna: organisation.rna ?? null, address: organisation.address ?? null,
          email: organisation.email ?? null, iban: organisation.iban ?? null, version, updated_at: at,
        };
        if (before === undefined) await trx.insertInto('organisations').values({ id: organisation.id, ...values, created_at: at }).execute();
        else {
          const updated = await trx.updateTable('organisations').set(values).where('id', '=', organisation.id).where('version', '=', before.version).executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) throw new EngineError('conflit-de-version', `L'organisme « ${organisation.id} » a été modifié en même temps : relisez-le puis recommencez.`, { organisationId: organisation.id });
        }
        const kind = options.kind ?? (before === undefined ? 'creation' : 'modification');
        await trx.insertInto('organisation_history').values({
          organisation_id: organisation.id, version, at, actor: JSON.stringify({ id: actor.id, role: actor.role }), kind, changes: JSON.stringify(changes),
        }).execute();
        const saved: Organisation = { ...organisation, version, createdAt: before?.createdAt ?? at, updatedAt: at };
        return { outcome: before === undefined ? 'creation' as const : 'modification' as const, organisation: organisationView(saved, actor) };
      });
    },

    async get(id, actor) {
      if (!readable(actor, id)) throw unknown(id);
      const organisation = await fetch(id);
      if (organisation === undefined) throw unknown(id);
      return organisationView(organisation, actor);
    },

    find: fetch,

    async list(actor) {
      let query = db.selectFrom('organisations').selectAll().orderBy('id');
      if (actor.role !== 'departement' && actor.role !== 'system') query = query.where('id', '=', actor.role === 'operator' ? actor.operatorId ?? '' : '');
      return (await query.execute()).map((row) => organisationView(toOrganisation(row), actor));
    },

    async history(id, actor) {
      if (!readable(actor, id) || (await fetch(id)) === undefined) throw unknown(id);
      const rows = await db.selectFrom('organisation_history').selectAll().where('organisation_id', '=', id).orderBy('version').execute();
      return rows.map((row) => {
        const changes = parseJson(row.changes) as OrganisationChange['changes'];
        const iban = changes.iban;
        if (iban !== undefined && actor.finance !== true) {
          changes.iban = { from: iban.from === null ? null : maskIban(iban.from), to: iban.to === null ? null : maskIban(iban.to) };
        }
        return {
          organisationId: row.organisation_id, version: Number(row.version), at: row.at,
          by: parseJson(row.actor) as { id: string; role: string }, kind: row.kind as OrganisationChange['kind'], changes,
        };
      });
    },

    async count() {
      const row = await db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async admits(operatorId) {
      const known = await db.selectFrom('organisations').select('id').where('id', '=', operatorId).executeTakeFirst();
      if (known !== undefined) return true;
      return (await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst()) === undefined;
    },
  };
}
