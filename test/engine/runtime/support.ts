/**
 * A real engine for tests: an empty store (SQLite in memory, or PostgreSQL in the `postgres` vitest project),
 * the definitions of the repository, a manual clock.
 */
import { expect } from 'vitest';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { EngineError } from '../../../engine/errors.ts';
import { createEngine, type Actor, type StatusPolicy } from '../../../engine/runtime/index.ts';
import { openTestStore } from '../../support/test-store.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';

const repositories = new Map<string, Promise<Repository>>();

/** The repository of some folders, loaded once per test file. */
export function repositoryOf(dirs: string[]): Promise<Repository> {
  const key = dirs.join('|');
  let found = repositories.get(key);
  if (!found) {
    found = loadRepository(dirs);
    repositories.set(key, found);
  }
  return found;
}

/** The real definitions, and the engine's own test call beside the shared pieces. */
export const REAL = ['definitions'];
export const FIXTURE = ['definitions/shared', 'test/fixtures/engine'];

/** An engine on a fresh store, its clock at noon (Paris) on `date`. */
export async function testEngine(dirs: string[], date: string, options: { statusPolicy?: StatusPolicy } = {}) {
  const store = await openTestStore();
  const repository = await repositoryOf(dirs);
  const clock = manualClock(parisInstant(date, '12:00'));
  const engine = createEngine({ store, repository, clock, ...options });
  return {
    store, repository, clock, engine,
    /** Moves the clock to `date` at `time` (Paris) and fires the timers then due. */
    async on(date: string, time = '12:00') {
      clock.set(parisInstant(date, time));
      return engine.runDueTimers();
    },
  };
}

export const departement: Actor = { id: 'agent-1', role: 'departement' };
export const operator = (operatorId: string): Actor => ({ id: `${operatorId}-user`, role: 'operator', operatorId });
export const coordinator = (...territories: string[]): Actor => ({ id: 'coord-1', role: 'coordinator', territories });
export const evaluator: Actor = { id: 'eval-1', role: 'evaluator' };

/** The code of the EngineError a promise is refused with. */
export async function refused(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'la demande devait être refusée').toBeInstanceOf(EngineError);
  return error as EngineError;
}
