/**
 * What a sentence does not say, named anyway: the differences between two values key by key, down to the
 * leaves (« beneficiary › fields › issue › values › autre : ajouté — Autre »), citations left aside.
 */

/** At most this many details per change (a rewritten lifecycle would otherwise list hundreds of lines). */
const MAX_DETAILS = 12;

function show(value: unknown): string {
  if (typeof value === 'string') return `« ${value.length > 60 ? `${value.slice(0, 57)}…` : value} »`;
  if (value === null || typeof value !== 'object') return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The leaf differences of `before` and `after`, as French lines (at most {@link MAX_DETAILS}, then a count).
 * @example
 * leafChanges({ a: { b: 1 } }, { a: { b: 2, c: 'x' } }) // ['a › b : 1 → 2', 'a › c : ajouté — « x »']
 */
export function leafChanges(before: unknown, after: unknown): string[] {
  const lines: string[] = [];
  const walk = (was: unknown, is: unknown, path: string[]) => {
    const where = path.length === 0 ? 'valeur' : path.join(' › ');
    if (isObject(was) && isObject(is)) {
      for (const key of new Set([...Object.keys(was), ...Object.keys(is)])) if (key !== 'source') walk(was[key], is[key], [...path, key]);
      return;
    }
    if (JSON.stringify(was) === JSON.stringify(is)) return;
    if (was === undefined) lines.push(`${where} : ajouté — ${show(is)}`);
    else if (is === undefined) lines.push(`${where} : retiré — ${show(was)}`);
    else lines.push(`${where} : ${show(was)} → ${show(is)}`);
  };
  walk(before, after, []);
  return lines.length <= MAX_DETAILS ? lines : [...lines.slice(0, MAX_DETAILS), `et ${lines.length - MAX_DETAILS} autres différences`];
}
