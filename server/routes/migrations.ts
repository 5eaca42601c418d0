/**
 * `POST /calls/:callId/migrations`: the Département applies the migration plan of the call's published
 * version to its running instances (JSON body `{ "toVersion": N, "dryRun": true }`). A dry run writes
 * nothing and answers the plan with its impact; otherwise one migration event per instance, each in its
 * own transaction, recorded with the agent who asked. An incomplete plan answers 422 and writes nothing.
 */
import { Hono } from 'hono';
import type { Repository } from '../../engine/definition/index.ts';
import { migrateInstances } from '../../engine/impact/index.ts';
import type { Engine } from '../../engine/runtime/index.ts';
import type { Store } from '../../engine/store/index.ts';
import type { ApiEnv } from '../auth.ts';
import { isObject, readJson } from '../body.ts';
import { actorOf } from '../principal.ts';
import { httpProblem } from '../problem.ts';

/** What the migration route reads. */
export interface MigrationRouteDeps {
  engine: Pick<Engine, 'migrate'>;
  store: Pick<Store, 'db' | 'listInstances' | 'getDefinition'>;
  repository: () => Repository;
}

/**
 * The migration route, to mount at `/calls`.
 * @example
 * app.route('/calls', migrationRoutes({ engine, store, repository: () => repository }));
 */
export function migrationRoutes(deps: MigrationRouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.post('/:callId/migrations', async (c) => {
    const principal = c.var.principal;
    if (principal.role !== 'departement') throw httpProblem('role-non-autorise', 'La migration des dossiers en cours est réservée aux agents du Département.');
    const body = await readJson(c);
    const toVersion = isObject(body) ? body.toVersion : undefined;
    const dryRun = isObject(body) ? body.dryRun ?? false : false;
    if (!isObject(body) || typeof toVersion !== 'number' || !Number.isInteger(toVersion) || toVersion < 1 || typeof dryRun !== 'boolean') {
      throw httpProblem('donnees-invalides', 'Le corps attendu est { "toVersion": <entier ≥ 1>, "dryRun": <booléen, facultatif> }.');
    }
    const outcome = await migrateInstances({
      store: deps.store, engine: deps.engine, repository: deps.repository(), callId: c.req.param('callId'), toVersion, dryRun, actor: actorOf(principal),
    });
    if (outcome.missing.length > 0) {
      throw httpProblem('donnees-invalides', `Migration refusée, rien n'a été écrit : le plan ne dit pas où vont ${outcome.missing.map((m) => `« ${m.state} » (${m.lifecycle})`).join(', ')}. Complétez « migration » dans le YAML de l'appel.`, { missing: outcome.missing });
    }
    return c.json(outcome);
  });
  return app;
}
