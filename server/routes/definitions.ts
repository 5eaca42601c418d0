/**
 * `/definitions`: the loaded calls (list, one resolved), and the validation of a posted YAML text.
 */
import { Hono } from 'hono';
import type { Repository, ResolvedCall } from '../../engine/definition/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readYamlText } from '../body.ts';
import { pageOf, pageRequest, pageResponse } from '../pagination.ts';
import { httpProblem } from '../problem.ts';
import type { Principal } from '../tokens.ts';
import type { TextValidator } from '../validation/validation-pool.ts';

/** A call as listed. */
export interface DefinitionSummary {
  id: string;
  version: number;
  title: string;
  year: number;
  status: string;
  hash: string;
  file: string;
  parents: string[];
}

/** The definitions a principal may see: a draft is the Département's own business. */
function visible(call: ResolvedCall, principal: Principal): boolean {
  return call.definition.status !== 'draft' || principal.role === 'departement';
}

function summary(call: ResolvedCall): DefinitionSummary {
  const { id, version, hash, file, parents, definition } = call;
  return { id, version, title: definition.title, year: definition.year, status: definition.status, hash, file, parents };
}

/**
 * The definitions routes, reading the repository given by `repository()` (the server may reload it).
 * @example
 * app.route('/definitions', definitionRoutes(() => repository, pool.validate));
 */
export function definitionRoutes(repository: () => Repository, validate: TextValidator): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.get('/', (c) => {
    const calls = [...repository().calls.values()].filter((call) => visible(call, c.var.principal)).map(summary);
    return pageResponse(c, pageOf(calls, (call) => call.id, pageRequest(c)));
  });

  app.post('/validate', async (c) => {
    const text = await readYamlText(c);
    const base = repository();
    const asked = c.req.query('file');
    if (asked !== undefined && !/^[\w./-]{1,200}$/.test(asked)) {
      throw httpProblem('requete-invalide', 'Le paramètre file doit être un nom de fichier simple (lettres, chiffres, . / - _).');
    }
    const file = asked ?? fileOf(text, base);
    const { findings, call } = await validate({ text, file, repository: base, diagrams: false });
    const valid = !findings.some((finding) => finding.severity === 'error');
    return c.json({ valid, file, findings, ...(call === undefined ? {} : { call: { id: call.id, version: call.version, title: call.title, year: call.year, status: call.status, hash: call.hash, file: call.file, parents: call.parents } }) });
  });

  app.get('/:callId', (c) => {
    const call = repository().calls.get(c.req.param('callId'));
    if (call === undefined || !visible(call, c.var.principal)) {
      throw httpProblem('ressource-inconnue', 'Aucune définition chargée ne porte cet identifiant ; voir GET /definitions.');
    }
    const etag = `"${call.hash}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    c.header('etag', etag);
    return c.json({ ...summary(call), definition: call.definition });
  });

  return app;
}

/**
 * The file name a posted text is validated under: the file of the loaded call with the same id (so that
 * it replaces it, and its children see the change), or a name of its own.
 */
function fileOf(text: string, repository: Repository): string {
  // The text is not parsed here (it is parsed once, bounded, in the validation worker): a top-level
  // `id:` line is enough to name the file.
  const id = /^id:[ \t]*(["']?)([a-z0-9-]{1,100})\1[ \t]*(?:#.*)?$/m.exec(text.slice(0, 64 * 1024))?.[2];
  const existing = id === undefined ? undefined : repository.calls.get(id);
  return existing?.file ?? (id === undefined ? 'definition.yaml' : `${id}.yaml`);
}
