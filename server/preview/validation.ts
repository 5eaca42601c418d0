/**
 * The live editor's validation: a YAML text validated against the loaded definitions, its findings with
 * their lines and, when it is a valid call, the SVG diagrams of its lifecycles.
 */
import type { Finding, Repository } from '../../engine/definition/index.ts';
import type { TextValidator } from '../validation/validation-pool.ts';

/** The answer of the validation endpoint (JSON). */
export interface ValidationResult {
  valid: boolean;
  file: string;
  findings: Array<Pick<Finding, 'code' | 'severity' | 'message' | 'line' | 'column' | 'path'>>;
  call?: { id: string; title: string };
  /** The SVG diagrams of the call (absent when the text is not a valid call). */
  diagrams?: Array<{ key: string; title: string; svg: string }>;
}

/** The file name a text is validated under when the editor does not name one. */
export const DRAFT_FILE = 'brouillon.yaml';

/**
 * A new file name the editor may give (besides the files of the repository): a plain relative path. The
 * name is only a label for the findings; nothing is read or written under it.
 */
export function isEditorFile(file: string): boolean {
  return /^[\w][\w./-]{0,199}$/.test(file) && !file.split('/').includes('..');
}

/** Validates a text and draws its diagrams (both in the validation worker). */
export async function validateForEditor(text: string, file: string, repository: Repository, validate: TextValidator): Promise<ValidationResult> {
  const { findings, call, diagrams } = await validate({ text, file, repository, diagrams: true });
  const result: ValidationResult = {
    valid: !findings.some((finding) => finding.severity === 'error'),
    file,
    findings: findings.map(({ code, severity, message, line, column, path }) => ({ code, severity, message, line, column, path })),
  };
  if (call === undefined) return result;
  return { ...result, call: { id: call.id, title: call.title }, diagrams: diagrams ?? [] };
}
