/**
 * Validation of one YAML text against a repository (the live editor and the HTTP API use it).
 */
import type { Finding } from './finding.ts';
import { buildRepository, type Repository } from './repository.ts';
import type { ResolvedCall } from './resolved-call.ts';

/**
 * Validates `text` as the content of `file`, with the other files of `base` (parents, pieces, catalog)
 * around it (their parses come from the parse cache; `text` itself is never cached). Returns the findings located in `file` and, when it is a valid call, the resolved call.
 * @example
 * const { findings, call } = validateText(yamlText, 'definitions/2025/equipes-mobiles.yaml', repository);
 */
export function validateText(text: string, file: string, base?: Repository): { findings: Finding[]; call?: ResolvedCall } {
  const others = base === undefined ? [] : [...base.sources].filter(([name]) => name !== file);
  const repository = buildRepository([...others.map(([name, content]) => ({ file: name, text: content, cache: true })), { file, text }]);
  const findings = repository.findings.filter((finding) => finding.file === file);
  const call = [...repository.calls.values()].find((candidate) => candidate.file === file);
  return call === undefined ? { findings } : { findings, call };
}
