/** The fixture calls (2024 and the 2025 call that extends it), resolved by the real repository loader. */
import { fileURLToPath } from 'node:url';
import { loadRepository, type Call, type Repository } from '../../../engine/definition/index.ts';

/** The folder of the preview fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/preview/', import.meta.url));

/** Loads the fixture repository and returns the two resolved calls (fresh copies that tests may change). */
export async function fixturePair(): Promise<{ repository: Repository; parent: Call; child: Call }> {
  const repository = await loadRepository(FIXTURES);
  const parent = repository.calls.get('prevention-expulsions-2024');
  const child = repository.calls.get('equipes-mobiles-2025');
  if (parent === undefined || child === undefined) throw new Error(`fixtures invalides : ${JSON.stringify(repository.findings)}`);
  return { repository, parent: structuredClone(parent.definition), child: structuredClone(child.definition) };
}
