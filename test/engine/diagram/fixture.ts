/** The 2024 eviction-prevention fixture call, parsed (it extends nothing: no resolution needed). */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Call } from '../../../engine/definition/definition-types.ts';

const file = new URL('../../fixtures/preview/2024/prevention-expulsions-2024.yaml', import.meta.url);

/** A fresh copy of the fixture call (tests may change it). */
export function fixtureCall(): Call {
  return parse(readFileSync(file, 'utf8')) as Call;
}
