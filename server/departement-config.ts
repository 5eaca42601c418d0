/**
 * The Département's identity (name, SIRET) from `config/departement.yaml`, overridden by
 * `DISPOSITIFS_DEPARTEMENT_NOM` and `DISPOSITIFS_DEPARTEMENT_SIRET`; a wrong SIRET is refused with its reason.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { EngineError } from '../engine/errors.ts';
import type { Attribuant } from '../engine/opendata/index.ts';
import { siretProblem } from '../engine/organisations/index.ts';

/** The default identity file. */
export const DEPARTEMENT_FILE = 'config/departement.yaml';

/**
 * Reads the Département's identity.
 * @example
 * const departement = await loadDepartement(process.env); // { name: 'Département du Pas-de-Calais', siret?: '…' }
 */
export async function loadDepartement(env: Record<string, string | undefined>, file = DEPARTEMENT_FILE): Promise<Attribuant> {
  let content: { name?: unknown; siret?: unknown } = {};
  try {
    content = (parse(await readFile(file, 'utf8')) ?? {}) as typeof content;
  } catch {
    content = {};
  }
  const name = env['DISPOSITIFS_DEPARTEMENT_NOM'] || (typeof content.name === 'string' ? content.name : 'Département du Pas-de-Calais');
  const siret = env['DISPOSITIFS_DEPARTEMENT_SIRET'] || (typeof content.siret === 'string' || typeof content.siret === 'number' ? String(content.siret) : undefined);
  if (siret !== undefined) {
    const problem = siretProblem(siret);
    if (problem !== undefined) throw new EngineError('donnees-invalides', `SIRET du Département (${file} ou DISPOSITIFS_DEPARTEMENT_SIRET) : ${problem}`);
  }
  return { name, ...(siret !== undefined && { siret }) };
}
