/**
 * Inherited free text that has aged: a label, note or summary a child call takes from its parent unchanged
 * and that names a year before the child's `year` (« pour l'année 2025 » on the 2026 sheet). A warning at the
 * parent's line, naming the child, so that the officer rewrites it in the child (or removes it with null).
 */
import type { Finding } from './finding.ts';
import { childPointer } from './json-pointer.ts';
import type { ResolvedCall } from './resolved-call.ts';

/** Keys whose values are free text read by people (citations under `source` are not: they name documents). */
const FREE_TEXT = new Set(['label', 'title', 'summary', 'note', 'description', 'publics']);
const YEAR = /\b(19|20)\d{2}\b/g;

/** The years a text names. */
function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((match) => Number(match[0]));
}

/**
 * Warnings for the free text `call` inherits from the files of `parentFiles` that names only years before
 * the call's own (a text that also names the call's year or a later one, « 2023-2028 », is left alone).
 */
export function staleYearFindings(call: ResolvedCall, parentFiles: ReadonlySet<string>): Finding[] {
  const year = call.definition.year;
  const findings: Finding[] = [];
  const visit = (value: unknown, pointer: string, text: boolean) => {
    if (typeof value === 'string') {
      if (!text) return;
      const years = yearsIn(value);
      if (years.length === 0 || years.some((y) => y >= year)) return;
      const at = call.locate(pointer);
      if (!parentFiles.has(at.file)) return;
      const older = Math.max(...years);
      findings.push({
        code: 'annee-heritee-perimee',
        severity: 'warning',
        message: `L'appel « ${call.id} » (${year}) reprend ce texte, qui nomme l'année ${older} : « ${value.length > 80 ? `${value.slice(0, 77)}…` : value} ». Réécrivez-le dans ${call.file} s'il ne vaut plus pour ${year}, ou retirez-le (null).`,
        ...at,
        path: pointer,
      });
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${pointer}/${index}`, text));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) if (key !== 'source') visit(item, childPointer(pointer, key), text || FREE_TEXT.has(key));
    }
  };
  visit(call.definition, '', false);
  return findings;
}
