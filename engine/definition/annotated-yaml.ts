/**
 * A resolved call as YAML, each value followed by the file and line it comes from (the child, a parent or a
 * shared piece): what `dispositifs show` prints, so that an officer sees what the engine runs and where to
 * change it.
 */
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { childPointer } from './json-pointer.ts';
import type { ResolvedCall } from './resolved-call.ts';

/**
 * The resolved call as YAML with a `# file:line` comment after each scalar value.
 * @example
 * annotatedYaml(repository.calls.get('equipes-mobiles-2025')!)
 * // 'kind: call # definitions/2025/equipes-mobiles-2025.yaml:3\n…'
 */
export function annotatedYaml(call: ResolvedCall): string {
  const document = new Document(call.definition);
  visit(document, {
    Scalar(key, node, path) {
      if (key === 'key') return;
      const segments: string[] = [];
      for (let i = 0; i < path.length; i++) {
        const ancestor = path[i];
        if (isPair(ancestor) && isScalar(ancestor.key)) segments.push(String(ancestor.key.value));
        else if (isSeq(ancestor)) {
          const next = path[i + 1] ?? node;
          segments.push(String(ancestor.items.indexOf(next as never)));
        } else if (isMap(ancestor)) continue;
      }
      const pointer = segments.reduce((at, segment) => childPointer(at, segment), '');
      const at = call.locate(pointer);
      node.comment = ` ${at.file}:${at.line}`;
    },
  });
  return `# ${call.id} résolu (extends : ${call.parents.join(' → ') || 'aucun'}) ; chaque valeur porte le fichier et la ligne d'où elle vient.\n${document.toString({ lineWidth: 0 })}`;
}
