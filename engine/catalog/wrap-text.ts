/**
 * Word wrapping for the catalog's table cells: breaks only at ordinary spaces, so that an amount written
 * with no-break spaces (« 5 000,00 € ») never splits across lines.
 */

/**
 * Wraps each line of `text` to `width` characters; a continuation line keeps the line's leading indent.
 * A word longer than the width is cut after a hyphen where it can (identifiers), else at the width.
 * @example
 * wrapText('Avance de 60 % à la signature', 12) // 'Avance de 60\n% à la\nsignature'
 */
export function wrapText(text: string, width: number): string {
  return text.split('\n').flatMap((line) => wrapLine(line, width)).join('\n');
}

function wrapLine(line: string, width: number): string[] {
  const indent = /^ */.exec(line)?.[0] ?? '';
  const room = Math.max(1, width - indent.length);
  const words = line.slice(indent.length).split(' ').filter((word) => word.length > 0).flatMap((word) => splitLong(word, room));
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    const candidate = current.trim().length === 0 ? `${indent}${word}` : `${current} ${word}`;
    if (length(candidate) <= width || current.trim().length === 0) current = candidate;
    else {
      lines.push(current);
      current = `${indent}${word}`;
    }
  }
  lines.push(current);
  return lines;
}

/** Cuts a word longer than `room` into pieces that fit, preferably just after a hyphen. */
function splitLong(word: string, room: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (length(rest) > room) {
    const head = Array.from(rest).slice(0, room).join('');
    const hyphen = head.lastIndexOf('-');
    const cut = hyphen > 0 ? hyphen + 1 : head.length;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** Length in characters (code points; the catalog's texts have no wide characters). */
function length(text: string): number {
  return Array.from(text).length;
}
