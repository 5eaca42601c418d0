/**
 * Limits on what a YAML text may cost before it becomes a value: its size, its nesting (streamed, before the
 * parser builds anything deep) and, once composed, what its aliases expand to (see `yaml-expansion.ts`).
 * A text over a limit is refused with a located finding; nothing is expanded, nothing is cached.
 */
import type { Composer, Document, Lexer, LineCounter, Parser } from 'yaml';

/** The limits every YAML text is held to (stated in the README, « Limites d'un fichier YAML »). */
export const YAML_LIMITS = {
  /** Characters of text: the largest shipped definition is about 40 000. */
  maxCharacters: 2 * 1024 * 1024,
  /** Nesting of collections, aliases expanded (a definition nests about 10 levels; embedded schemas a few more). */
  maxDepth: 64,
  /** Values once aliases are expanded (every key's value and every list item counts one). */
  maxNodes: 300_000,
  /** Characters of the JSON pointers of those values, summed (what locating each value keeps in memory). */
  maxPointerCharacters: 24 * 1024 * 1024,
  /** Alias nodes (`*nom`) in one text. */
  maxAliases: 1_000,
} as const;

/** A limit crossed or a structural problem, at a character offset of the text (turned into a finding). */
export interface YamlProblem {
  code: string;
  offset: number;
  /** French, without the leading « Syntaxe YAML invalide : ». */
  message: string;
}

/** A count written the French way (« 300 000 »). */
export const thousands = (value: number) => value.toLocaleString('fr-FR').replace(/\u202f/g, ' ');

/** The size limit, checked before anything else. */
export function sizeProblem(text: string): YamlProblem | undefined {
  if (text.length <= YAML_LIMITS.maxCharacters) return undefined;
  return {
    code: 'yaml-trop-gros',
    offset: YAML_LIMITS.maxCharacters,
    message: `le texte fait ${thousands(text.length)} caractères, au-delà de la limite de ${thousands(YAML_LIMITS.maxCharacters)} : découpez la définition (pièces partagées avec use, appel parent avec extends)`,
  };
}

/** The depth problem at `offset` (shared by the streamed check and the expansion). */
export function depthProblem(offset: number): YamlProblem {
  return {
    code: 'yaml-trop-profond',
    offset,
    message: `imbrication de plus de ${YAML_LIMITS.maxDepth} niveaux (listes et objets, alias développés) : une définition n'a pas besoin d'autant de niveaux, aplatissez cette partie`,
  };
}

/** The alias-count problem at `offset` (shared by the streamed check and the expansion). */
export function aliasesProblem(offset: number): YamlProblem {
  return {
    code: 'yaml-trop-d-alias',
    offset,
    message: `plus de ${thousands(YAML_LIMITS.maxAliases)} alias (*nom) dans le fichier : écrivez les valeurs, ou partagez-les par une pièce (use)`,
  };
}

/** The YAML module's classes this module drives (loaded lazily by the caller). */
export interface YamlClasses {
  Lexer: typeof Lexer;
  Parser: typeof Parser;
  Composer: typeof Composer;
  CST: typeof import('yaml').CST;
}

/**
 * Parses `text` into its documents, refusing flow collections nested deeper than the limit while the tokens
 * stream (the parser's cost grows with nesting: a text of brackets must not reach it), and more aliases than
 * the limit. Duplicate keys are
 * not checked here (the YAML module does it in quadratic time): see `measureExpansion`.
 */
export function parseBounded(
  text: string,
  lineCounter: LineCounter,
  yaml: YamlClasses,
): { documents: Document.Parsed[]; problem?: undefined } | { documents?: undefined; problem: YamlProblem } {
  const parser = new yaml.Parser(lineCounter.addNewLine);
  const composer = new yaml.Composer({ uniqueKeys: false });
  const documents: Document.Parsed[] = [];
  let problem: YamlProblem | undefined;
  function* tokens() {
    lineCounter.addNewLine(0);
    let depth = 0;
    let aliases = 0;
    let scalarNext = false;
    for (const lexeme of new yaml.Lexer().lex(text)) {
      if (!scalarNext) {
        const type = yaml.CST.tokenType(lexeme);
        if (type === 'flow-map-start' || type === 'flow-seq-start') depth++;
        else if (type === 'flow-map-end' || type === 'flow-seq-end') depth = Math.max(0, depth - 1);
        else if (type === 'alias') aliases++;
        if (depth > YAML_LIMITS.maxDepth) {
          problem = depthProblem(parser.offset);
          return;
        }
        if (aliases > YAML_LIMITS.maxAliases) {
          problem = aliasesProblem(parser.offset);
          return;
        }
      }
      scalarNext = lexeme === yaml.CST.SCALAR;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  for (const document of composer.compose(tokens(), true, text.length)) documents.push(document as Document.Parsed);
  return problem === undefined ? { documents } : { problem };
}
