/** The preview app on the fixture definitions (the 2024 call and the 2025 call that extends it). */
import { fileURLToPath } from 'node:url';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { ValidationPool } from '../../../server/validation/validation-pool.ts';
import { createPreviewApp } from '../../../server/preview/index.ts';

/** The folder of the preview fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/preview/', import.meta.url));

/** The fixture repository and the preview app reading it. */
export async function previewFixture(): Promise<{ repository: Repository; app: ReturnType<typeof createPreviewApp> }> {
  const repository = await loadRepository(FIXTURES);
  if (repository.calls.size !== 2) throw new Error(`fixtures invalides : ${JSON.stringify(repository.findings)}`);
  return { repository, app: createPreviewApp({ repository: () => repository, validate: new ValidationPool().validate }) };
}
