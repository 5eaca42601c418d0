/**
 * What the finance commands open: the store, the definitions, an engine on the system clock (or `--date`),
 * the register, the payments service and the Département's identity.
 */
import type { Repository } from '../engine/definition/index.ts';
import type { Attribuant } from '../engine/opendata/index.ts';
import type { OrganisationRegister, RegisterActor } from '../engine/organisations/index.ts';
import type { Payments } from '../engine/payments/index.ts';
import type { Store } from '../engine/store/index.ts';
import { openCliStore } from './open-database.ts';

/** The finance service as the CLI acts (the person at the terminal, with the finance scope). */
export const CLI_FINANCE: RegisterActor = { id: process.env.USER ?? 'cli', role: 'departement', finance: true };

/** An open finance context. */
export interface FinanceContext {
  store: Store;
  repository: Repository;
  register: OrganisationRegister;
  payments: Payments;
  departement: Attribuant;
  expand: (ids: string[]) => string[];
}

/** Opens the context, runs `work`, closes the store; an engine refusal is printed in French with exit code 1. */
export async function withFinance(options: { db?: string; definitions?: string }, work: (context: FinanceContext) => Promise<number>): Promise<number> {
  const store = await openCliStore(options.db);
  if (!store) return 1;
  try {
    const [{ loadRepository }, { organisationRegister }, { createPayments }, { createEngine }, { systemClock }, { loadDepartement }] = await Promise.all([
      import('../engine/definition/index.ts'), import('../engine/organisations/index.ts'), import('../engine/payments/index.ts'),
      import('../engine/runtime/index.ts'), import('../engine/time/index.ts'), import('../server/departement-config.ts'),
    ]);
    const repository = await loadRepository(options.definitions ?? 'definitions');
    const register = organisationRegister(store.db);
    const engine = createEngine({ store, repository, clock: systemClock });
    const payments = createPayments({ store, engine, clock: systemClock, register, yearOf: (id) => repository.calls.get(id)?.definition.year ?? 0 });
    const departement = await loadDepartement(process.env);
    return await work({ store, repository, register, payments, departement, expand: (ids) => repository.territories.expand(ids) });
  } catch (error) {
    const { EngineError } = await import('../engine/errors.ts');
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`erreur : ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
