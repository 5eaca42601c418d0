/**
 * `/definitions`: the loaded calls (list, one resolved), and the validation of a posted YAML text.
 */
import { Hono } from 'hono';
import { parse as parseYaml } from 'yaml';
import { validateText, type Repository, type ResolvedCall } from '../../engine/definition/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readYamlText } from '../body.ts';
import { pageOf, pageRequest, pageResponse } from '../pagination.ts';
import { httpProblem } from '../problem.ts';
import type { Principal } from '../tokens.ts';

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
 * app.route('/definitions', definitionRoutes(() => repository));
 */
export function definitionRoutes(repository: () => Repository): Hono<ApiEnv> {
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
    const { findings, call } = validateText(text, file, base);
    const valid = !findings.some((finding) => finding.severity === 'error');
    return c.json({ valid, file, findings, ...(call === undefined ? {} : { call: summary(call) }) });
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
  let id: unknown;
  try {
    id = (parseYaml(text) as { id?: unknown } | null)?.id;
  } catch {
    id = undefined; // the syntax error is reported by validateText, with its position
  }
  const existing = typeof id === 'string' ? repository.calls.get(id) : undefined;
  return existing?.file ?? (typeof id === 'string' && /^[a-z0-9-]{1,100}$/.test(id) ? `${id}.yaml` : 'definition.yaml');
}
