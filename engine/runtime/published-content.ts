/**
 * A published call's content is frozen. The store records, per call id and version, the hash of the call's
 * resolved content (self-contained as the engine runs it, its `status` left out: closing a call is not a
 * change of content). Loading a published or closed call whose content differs from what was recorded for the
 * same id and version is an error: the officer raises `version`, so that running instances keep the old one.
 * Drafts are never recorded: their content may change freely until they are published.
 */
import { canonicalHash, type Finding, type ResolvedCall } from '../definition/index.ts';
import type { Store } from '../store/index.ts';
import { EngineDefinitions, type EngineRepository } from './definitions.ts';

/** What the check compared, per published call. */
export interface PublishedContentCheck {
  /** Calls whose content differs from the recorded one (errors located at their `version:`). */
  findings: Finding[];
  /** Calls recorded now for the first time (`record: true`), as `id@version`. */
  recorded: string[];
}

/** The frozen content hash of a call: its self-contained resolved definition, without `status`. */
export function contentHash(repository: EngineRepository, callId: string): string {
  const { definition } = new EngineDefinitions(repository).current(callId);
  const { status: _status, ...content } = definition;
  return canonicalHash(content);
}

function changedContent(call: ResolvedCall): Finding {
  const where = call.locate('/version');
  return {
    code: 'contenu-publie-modifie',
    severity: 'error',
    message: `L'appel « ${call.id} » est publié en version ${call.version}, et son contenu diffère de celui que la base a enregistré pour cette version : un appel publié ne change plus. Écrivez « version: ${call.version + 1} » (les dossiers en cours restent sur la version ${call.version}), ou annulez la modification.`,
    ...where,
    path: '/version',
  };
}

/**
 * Compares every published or closed call of `repository` with the store's record; with `record: true`
 * (the server at start), records the calls seen for the first time. Never writes when a call differs.
 * @example
 * const { findings } = await checkPublishedContent(store, repository, { record: true });
 * if (findings.length > 0) throw new Error(findings.map((f) => f.message).join('\n'));
 */
export async function checkPublishedContent(store: Store, repository: EngineRepository & { calls: Map<string, ResolvedCall> }, options: { record?: boolean; at?: string } = {}): Promise<PublishedContentCheck> {
  const findings: Finding[] = [];
  const fresh: Array<{ call_id: string; version: number; content_hash: string; recorded_at: string }> = [];
  const at = options.at ?? new Date().toISOString();
  for (const call of repository.calls.values()) {
    if (call.definition.status === 'draft') continue;
    const hash = contentHash(repository, call.id);
    const row = await store.db.selectFrom('published_calls').select('content_hash')
      .where('call_id', '=', call.id).where('version', '=', call.version).executeTakeFirst();
    if (row === undefined) fresh.push({ call_id: call.id, version: call.version, content_hash: hash, recorded_at: at });
    else if (row.content_hash !== hash) findings.push(changedContent(call));
  }
  if (!options.record || findings.length > 0 || fresh.length === 0) return { findings, recorded: [] };
  await store.db.insertInto('published_calls').values(fresh).onConflict((oc) => oc.columns(['call_id', 'version']).doNothing()).execute();
  return { findings, recorded: fresh.map((r) => `${r.call_id}@${r.version}`) };
}
