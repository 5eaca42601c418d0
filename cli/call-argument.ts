/**
 * A call named on the command line, by id or by file, found among the definitions (and the file itself),
 * with a French usage error and « vouliez-vous dire » when it is not there.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Repository, ResolvedCall } from '../engine/definition/index.ts';

/** Where the named calls were looked for, and what was found. */
export type FoundCalls = { repository: Repository; calls: ResolvedCall[] } | { error: string; code: 1 | 2 };

/** Loads the definitions (plus the named files) and finds each named call. */
export async function findCalls(targets: string[], definitions: string): Promise<FoundCalls> {
  const files = targets.filter((target) => /\.ya?ml$/.test(target) || target.includes('/'));
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0) return { error: `fichier introuvable : ${missing.join(', ')}`, code: 2 };
  const { loadRepository } = await import('../engine/definition/index.ts');
  const repository = await loadRepository([...(existsSync(definitions) ? [definitions] : []), ...files]);
  const calls: ResolvedCall[] = [];
  for (const target of targets) {
    const isFile = files.includes(target);
    const call = isFile ? [...repository.calls.values()].find((c) => resolve(c.file) === resolve(target)) : repository.calls.get(target);
    if (call !== undefined) {
      calls.push(call);
      continue;
    }
    const errors = repository.findings.filter((f) => f.severity === 'error' && (isFile ? resolve(f.file) === resolve(target) : f.message.includes(target) || f.path === '/id'));
    if (isFile && errors.length > 0) return { error: `${target} est en erreur : corrigez-le d'abord (npx dispositifs validate ${target}).`, code: 1 };
    const { closest } = await import('fastest-levenshtein');
    const ids = [...repository.calls.keys()];
    const hint = ids.length > 0 && !isFile ? ` ; vouliez-vous dire « ${closest(target, ids)} » ?` : '';
    return { error: `aucun appel valide « ${target} » dans ${definitions}/${hint} (npx dispositifs catalog les liste, npx dispositifs validate dit lesquels sont en erreur)`, code: 2 };
  }
  return { repository, calls };
}
