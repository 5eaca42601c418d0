/**
 * Hostile YAML: bombs, recursive aliases, oversized and deeply nested texts are refused with a located
 * French finding, before any value is built (issue 13). Each case here hung, exhausted memory or leaked a
 * JavaScript error before.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../engine/definition/yaml-source.ts';
import { YAML_LIMITS } from '../../../engine/definition/yaml-limits.ts';

const levels = 'abcdefghi';
/** The « billion laughs »: 9 levels of 9 aliases of the level above, 9⁹ strings once expanded. */
const billionLaughs = [...levels]
  .map((name, index) => `${name}: &${name} [${index === 0 ? Array(9).fill('"lol"').join(', ') : Array(9).fill(`*${levels[index - 1]}`).join(', ')}]`)
  .join('\n');
/** The same through merge keys and mapping values (`<<` is a plain key in YAML 1.2, the values still expand). */
const mergeBomb = [...'abcdefg']
  .map((name, index) =>
    index === 0
      ? `a: &a {a1: 1, a2: 2, a3: 3, a4: 4, a5: 5, a6: 6, a7: 7, a8: 8}`
      : `${name}: &${name} {<<: *${'abcdefg'[index - 1]}, ${Array.from({ length: 7 }, (_, i) => `${name}${i}: *${'abcdefg'[index - 1]}`).join(', ')}}`,
  )
  .join('\n');

const refusal = (text: string) => {
  const { document, findings } = parseYamlSource(text, 'hostile.yaml');
  expect(document.value).toBeUndefined();
  expect(findings).toHaveLength(1);
  const [finding] = findings;
  expect(finding?.message).not.toMatch(/RangeError|Maximum call stack|Error|undefined|exhaustion/);
  return finding;
};

describe('hostile YAML', () => {
  it('refuses an alias written inside the node it names (a: &a [*a, *a]) at the alias', () => {
    expect(refusal('a: &a [*a, *a]\n')).toMatchObject({ code: 'yaml-alias-recursif', line: 1, column: 8, message: expect.stringContaining('*a') });
  });

  it('refuses a billion laughs from what it would expand to, at the alias that crosses the limit', () => {
    const finding = refusal(billionLaughs);
    expect(finding).toMatchObject({ code: 'yaml-trop-gros', message: expect.stringContaining('300 000 valeurs') });
    expect(finding?.line).toBeGreaterThan(1);
  });

  it('refuses a bomb through merge keys', () => {
    expect(refusal(mergeBomb)).toMatchObject({ code: 'yaml-trop-gros' });
  });

  it('refuses 50 000 aliases of one node at the first alias over the limit', () => {
    const text = `base: &x {a: 1, b: [1, 2, 3]}\nl:\n${'  - *x\n'.repeat(50_000)}`;
    expect(refusal(text)).toMatchObject({ code: 'yaml-trop-d-alias', line: 3 + YAML_LIMITS.maxAliases, column: 5 });
  });

  it('accepts aliases within the limits and gives each its anchor’s value', () => {
    const { document, findings } = parseYamlSource('a: &a {x: 1}\nb: *a\nc: [*a, *a]\nd: &s texte\ne: *s\n', 'alias.yaml');
    expect(findings).toEqual([]);
    expect(document.value).toEqual({ a: { x: 1 }, b: { x: 1 }, c: [{ x: 1 }, { x: 1 }], d: 'texte', e: 'texte' });
  });

  it('refuses an alias to an anchor defined further down (or nowhere)', () => {
    expect(refusal('a: *b\nb: &b 1\n')).toMatchObject({ code: 'yaml-syntaxe', line: 1, column: 4, message: expect.stringContaining('*b') });
  });

  it('refuses flow collections nested 100 000 deep without reaching the parser’s depth', () => {
    expect(refusal(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toMatchObject({ code: 'yaml-trop-profond', line: 1 });
  });

  it('refuses block mappings nested deeper than the limit, with no JavaScript error text', () => {
    const text = Array.from({ length: 2_000 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n');
    expect(refusal(text)?.code).toMatch(/^yaml-/);
    const justOver = Array.from({ length: YAML_LIMITS.maxDepth + 1 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n') + ' 1';
    expect(refusal(justOver)).toMatchObject({ code: 'yaml-trop-profond' });
  });

  it('refuses nesting that only aliases make deep', () => {
    const chain = Array.from({ length: YAML_LIMITS.maxDepth + 2 }, (_, i) => (i === 0 ? 'a0: &a0 [1]' : `a${i}: &a${i} [*a${i - 1}]`)).join('\n');
    expect(refusal(chain)).toMatchObject({ code: 'yaml-trop-profond' });
  });

  it('refuses a text over the size limit at the line where it crosses it', () => {
    const line = 'cle: une valeur de texte assez longue pour remplir le fichier\n';
    const text = line.repeat(Math.ceil((YAML_LIMITS.maxCharacters + 1) / line.length));
    expect(refusal(text)).toMatchObject({ code: 'yaml-trop-gros', line: Math.floor(YAML_LIMITS.maxCharacters / line.length) + 1 });
  });

  it('refuses the keys that would reach a prototype (__proto__, constructor, prototype) at any depth', () => {
    expect(refusal('kind: call\n__proto__: {a: 1}\n')).toMatchObject({ code: 'cle-interdite', line: 2, column: 1, message: expect.stringContaining('__proto__') });
    expect(refusal('kind: call\nmeasures:\n  constructor:\n    label: x\n')).toMatchObject({ code: 'cle-interdite', line: 3, column: 3 });
    expect(refusal('a: {prototype: 1}\n')).toMatchObject({ code: 'cle-interdite', line: 1, column: 5 });
  });

  it('finds a duplicate key among 60 000 (checked once per key, not against every other)', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k17: encore');
    expect(refusal(keys.join('\n'))).toMatchObject({ code: 'yaml-syntaxe', line: 60_001, column: 1, message: expect.stringContaining('clé en double') });
  });

  it('writes every syntax error in French, never the YAML library’s English', () => {
    for (const text of ['a: !inconnue 1\n', 'a: "\\q"\n', '%FOO bar\n---\na: 1\n', 'a: &x &y 1\n']) {
      const { findings } = parseYamlSource(text, 'syntaxe.yaml');
      for (const finding of findings) expect(finding.message).toMatch(/^Syntaxe YAML invalide : [^A-Z]*[a-zà-ÿ].*\.$/);
    }
  });
});
