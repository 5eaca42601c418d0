/**
 * Findings: what the validator reports, as data with a location (never thrown).
 */

/** A problem found in a definition, at a 1-based line and column of a file. */
export interface Finding {
  /** Stable kebab-case French code, for example `etat-inconnu`. */
  code: string;
  severity: 'error' | 'warning';
  /** French message: what is wrong and how to fix it. */
  message: string;
  file: string;
  line: number;
  column: number;
  /** JSON pointer in the (resolved) document, `''` for the root. */
  path: string;
}

/** A place in a source file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Sorts findings by file, line, column, then code; drops exact duplicates (a parent's error seen through each child). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
    const key = `${finding.file}\0${finding.line}\0${finding.column}\0${finding.code}\0${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(finding);
  }
  return unique.sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** True when at least one finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
