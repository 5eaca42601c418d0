/**
 * A plain definition of about `size` characters: a shipped call whose documents list is padded with
 * ordinary entries (what a large but honest call looks like to the validator). Shared by the benchmarks.
 */
import { readFileSync } from 'node:fs';

/** The shipped numero-vert 2024 call grown to `size` characters. */
export function largeDefinition(size: number): string {
  const base = readFileSync('definitions/2024/numero-vert-2024.yaml', 'utf8');
  const lines: string[] = [];
  for (let i = 0, length = base.length; length < size; i++) {
    const entry = `    piece-${i}:\n      label: Pièce justificative numéro ${i} demandée au porteur\n      required: false\n`;
    lines.push(entry);
    length += entry.length;
  }
  return base.replace('  documents:\n', `  documents:\n${lines.join('')}`);
}
