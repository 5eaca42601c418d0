/**
 * A call diff as French text for the terminal: the same sections and sentences as the preview's diff page,
 * what changed first, then the count of what stayed the same (listed with `unchanged: true`).
 */
import { agree, formatChange } from './change.ts';
import type { CallDiff } from './call-diff.ts';

const plural = (count: number) => (count > 1 ? 's' : '');

/**
 * The diff in French lines.
 * @example
 * renderDiffText(diffCalls(parent, child)) // 'Ce qui change de 2024 à 2025 …\n\nFenêtres…\n  - fenêtre ami : … → …'
 */
export function renderDiffText(diff: CallDiff, options: { unchanged?: boolean } = {}): string {
  const { counts } = diff;
  const modified = counts.changed + counts.modified;
  const out = [
    `Ce qui change de ${diff.parent.year} à ${diff.child.year} : ${diff.child.title} (${diff.child.id}) comparé à ${diff.parent.title} (${diff.parent.id}).`,
    `${modified} modification${plural(modified)}, ${counts.added} ajout${plural(counts.added)}, ${counts.removed} retrait${plural(counts.removed)}, ${counts.unchanged} élément${plural(counts.unchanged)} inchangé${plural(counts.unchanged)}.`,
  ];
  for (const section of diff.sections) {
    const changed = section.changes.filter((change) => change.kind !== 'unchanged');
    const same = section.changes.filter((change) => change.kind === 'unchanged');
    out.push('', section.title);
    if (changed.length === 0) out.push('  Rien ne change.');
    for (const change of changed) {
      if (change.kind === 'modified') {
        out.push(`  - ${change.subject} : ${agree('modifié', change.agreement)}`, ...change.details.map((detail) => `      · ${detail}`));
      } else out.push(`  - ${formatChange(change)}`);
    }
    if (same.length > 0) {
      if (options.unchanged === true) out.push(...same.map((change) => `  = ${formatChange(change)}`));
      else out.push(`  (${same.length} élément${plural(same.length)} inchangé${plural(same.length)})`);
    }
  }
  return `${out.join('\n')}\n`;
}
