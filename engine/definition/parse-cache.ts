/**
 * Parsed YAML files kept between runs (node_modules/.cache), keyed by the sha256 of their text: parsing
 * with positions costs more than resolving, validating and linting together, and definitions rarely
 * change between two validations. Only files that parsed without error are kept.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CACHE_DIR } from './schema-compiler.ts';

/** What parsing a text gives: its value, the offsets of each pointer, and where lines start. */
export interface ParsedYaml {
  value: unknown;
  /** [pointer, key offset or -1, value offset, 1 when a block collection] */
  positions: [string, number, number, number][];
  lineStarts: number[];
}

interface Entry extends ParsedYaml {
  /** Day (since 1970) of last use: entries unused for a month are dropped. */
  used: number;
}

const FORMAT = 1;
const KEEP_DAYS = 30;
const yamlVersion = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
const FILE = join(CACHE_DIR, `parsed-yaml-${yamlVersion}-${FORMAT}.json`);
const today = () => Math.floor(Date.now() / 86_400_000);

let entries: Map<string, Entry> | undefined;
let saving: NodeJS.Timeout | undefined;

function load(): Map<string, Entry> {
  if (entries === undefined) {
    try {
      entries = new Map(Object.entries(JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Entry>));
    } catch {
      entries = new Map();
    }
  }
  return entries;
}

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cached parse of `text`, if any. */
export function cachedParse(text: string): ParsedYaml | undefined {
  const entry = load().get(keyOf(text));
  if (entry !== undefined) entry.used = today();
  return entry;
}

/** Keeps the parse of `text` (written to disk once the current run has done its work). */
export function rememberParse(text: string, parsed: ParsedYaml): void {
  load().set(keyOf(text), { ...parsed, used: today() });
  if (saving !== undefined) return;
  saving = setTimeout(() => {
    saving = undefined;
    const oldest = today() - KEEP_DAYS;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const kept = Object.fromEntries([...load()].filter(([, entry]) => entry.used >= oldest));
      const temporary = `${FILE}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(kept));
      renameSync(temporary, FILE);
    } catch {
      // A read-only checkout only loses the cache.
    }
  }, 0);
}
