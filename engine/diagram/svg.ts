/**
 * DOT to SVG in process with Graphviz compiled to WebAssembly (@viz-js/viz): no browser, no binary.
 */
import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

/**
 * Renders DOT text as an SVG document (the XML prologue, doctype and comments before `<svg` removed, so that it can be
 * inlined in HTML). Throws when Graphviz refuses the text (a printed graph never is refused).
 * @example
 * const svg = await renderSvg(toDot(graph));
 */
export async function renderSvg(dot: string): Promise<string> {
  // Graphviz (WebAssembly) loads on the first diagram, not when the server starts.
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const messages = result.errors.map((error) => error.message).join(' ; ');
    throw new Error(`Graphviz n'a pas pu dessiner le diagramme : ${messages}`);
  }
  return result.output.slice(result.output.indexOf('<svg'));
}
