/**
 * Escaping text for HTML and SVG: labels come from definitions and data, never trusted as markup.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `&`, `<`, `>`, `"` and `'` so that a text is shown as it is, in an element or an attribute.
 * @example escapeHtml('< 5') // '&lt; 5'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
