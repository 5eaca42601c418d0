/**
 * A candidate definition: YAML text checked against the repository it would join (the file of the same
 * call id is replaced, wherever the candidate's text comes from), then completed with the default
 * lifecycles the engine would give it, so that it runs exactly as it would once published.
 */
import { parse } from 'yaml';
import type { CallToCompile } from '../compile/index.ts';
import { hasErrors, validateText, type Finding, type Repository, type ResolvedCall } from '../definition/index.ts';
import { EngineDefinitions } from '../runtime/definitions.ts';

/** A candidate, or the findings that stop it (located in `file`). */
export type CandidateResult = { kind: 'call'; call: CallToCompile; findings: Finding[] } | { kind: 'invalid'; findings: Finding[] };

/**
 * Reads a candidate call from YAML text.
 * @example
 * const candidate = candidateFromText(readFileSync('variante.yaml', 'utf8'), 'variante.yaml', repository);
 * if (candidate.kind === 'call') computeImpact({ activity, candidate: candidate.call, territories });
 */
export function candidateFromText(text: string, file: string, base: Repository): CandidateResult {
  let id: unknown;
  try {
    id = (parse(text) as { id?: unknown } | null)?.id;
  } catch {
    id = undefined; // validateText locates the syntax error
  }
  const replaced = typeof id === 'string' ? base.calls.get(id)?.file : undefined;
  const as = replaced ?? file;
  const { findings, call } = validateText(text, as, base);
  const located = findings.map((f) => (f.file === as ? { ...f, file } : f));
  if (!call || hasErrors(located)) {
    if (!call && !hasErrors(located)) {
      located.push({ code: 'appel-attendu', severity: 'error', message: "Ce fichier n'est pas un appel (kind: call) : seul un appel peut être rejoué sur l'activité enregistrée.", file, line: 1, column: 1, path: '' });
    }
    return { kind: 'invalid', findings: located };
  }
  return { kind: 'call', call: completed(base, call), findings: located };
}

/** A call of the repository as the engine runs it (the default lifecycles written in). */
export function candidateFromRepository(base: Pick<Repository, 'calls' | 'pieces' | 'territories'>, callId: string): CallToCompile | undefined {
  const call = base.calls.get(callId);
  return call ? completed(base, call) : undefined;
}

function completed(base: Pick<Repository, 'pieces' | 'territories'>, call: ResolvedCall): CallToCompile {
  return new EngineDefinitions({ calls: new Map([[call.id, call]]), pieces: base.pieces, territories: base.territories }).current(call.id);
}
