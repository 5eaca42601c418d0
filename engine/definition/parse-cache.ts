/**
 * Parsed YAML files kept between runs (node_modules/.cache), keyed by the sha256 of their text: parsing
 * with positions costs more than resolving, validating and linting together, and definitions rarely
 * change between two validations. Only files read from disk that parsed without error are kept (never a
 * posted text: see `DefinitionSource.cache`), and the cache is bounded: texts up to
 * {@link CACHE_LIMITS}.maxTextCharacters, at most `maxEntries` entries and `maxCharacters` of text in all,
 * the least recently used dropped first, and entries unused for a month.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CACHE_DIR } from '../cache/index.ts';

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
  /** Characters of the text it was parsed from (its weight in the cache). */
  characters: number;
}

/** The bounds of the parse cache (the shipped definitions take about 40 entries and 400 000 characters). */
export const CACHE_LIMITS = { maxEntries: 256, maxCharacters: 8 * 1024 * 1024, maxTextCharacters: 512 * 1024 } as const;

const FORMAT = 2;
const KEEP_DAYS = 30;
const yamlVersion = (createRequire(import.meta.url)('yaml/package.json') as { version: string }).version;
const FILE = join(CACHE_DIR, `parsed-yaml-${yamlVersion}-${FORMAT}.json`);
const today = () => Math.floor(Date.now() / 86_400_000);

// A Map in least-recently-used order: a hit moves its entry to the end.
let entries: Map<string, Entry> | undefined;
let characters = 0;
let saving: NodeJS.Timeout | undefined;

function load(): Map<string, Entry> {
  if (entries === undefined) {
    entries = new Map();
    characters = 0;
    try {
      const stored = JSON.parse(readFileSync(FILE, 'utf8')) as Array<[string, Entry]>;
      for (const [key, entry] of stored.sort((a, b) => a[1].used - b[1].used)) keep(key, entry);
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
  }
  return entries;
}

/** Adds an entry, then drops the least recently used ones until the cache is within its bounds. */
function keep(key: string, entry: Entry): void {
  const map = entries as Map<string, Entry>;
  if (typeof entry.characters !== 'number' || entry.characters > CACHE_LIMITS.maxTextCharacters) return;
  const previous = map.get(key);
  if (previous !== undefined) characters -= previous.characters;
  map.delete(key);
  map.set(key, entry);
  characters += entry.characters;
  for (const [oldest, dropped] of map) {
    if (map.size <= CACHE_LIMITS.maxEntries && characters <= CACHE_LIMITS.maxCharacters) break;
    map.delete(oldest);
    characters -= dropped.characters;
  }
}

function keyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cached parse of `text`, if any. */
export function cachedParse(text: string): ParsedYaml | undefined {
  if (text.length > CACHE_LIMITS.maxTextCharacters) return undefined;
  const map = load();
  const key = keyOf(text);
  const entry = map.get(key);
  if (entry === undefined) return undefined;
  entry.used = today();
  map.delete(key);
  map.set(key, entry);
  return entry;
}

/** Keeps the parse of `text` (written to disk once the current run has done its work), within the bounds. */
export function rememberParse(text: string, parsed: ParsedYaml): void {
  if (text.length > CACHE_LIMITS.maxTextCharacters) return;
  load();
  keep(keyOf(text), { ...parsed, used: today(), characters: text.length });
  if (saving !== undefined) return;
  saving = setTimeout(() => {
    saving = undefined;
    const oldest = today() - KEEP_DAYS;
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const kept = [...load()].filter(([, entry]) => entry.used >= oldest);
      const temporary = `${FILE}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(kept));
      renameSync(temporary, FILE);
    } catch {
      // A read-only checkout only loses the cache.
    }
  }, 0);
  saving.unref?.();
}

/** How many entries and characters of text the cache holds now (for tests and diagnostics). */
export function parseCacheSize(): { entries: number; characters: number } {
  return { entries: load().size, characters };
}
