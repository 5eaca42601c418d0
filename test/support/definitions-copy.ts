/**
 * A temporary copy of `definitions/`, for tests that add or change calls the way a policy officer would: by
 * writing files. (Its files' editor modelines point at no schema there: `modeline-invalide` warnings.)
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A copy of the shipped definitions in a temporary folder. */
export interface DefinitionsCopy {
  /** The copy's `definitions/` folder. */
  dir: string;
  /** Writes a file under the copy's `definitions/` (folders created). */
  write(relative: string, text: string): Promise<string>;
  /** Rewrites a file of the copy through `edit`. */
  edit(relative: string, edit: (text: string) => string): Promise<void>;
  remove(): Promise<void>;
}

/** Copies `definitions/` into a fresh temporary folder. */
export async function copyDefinitions(): Promise<DefinitionsCopy> {
  const root = await mkdtemp(join(tmpdir(), 'dispositifs-definitions-'));
  await cp('definitions', join(root, 'definitions'), { recursive: true });
  const dir = join(root, 'definitions');
  return {
    dir,
    async write(relative, text) {
      const file = join(dir, relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      return file;
    },
    async edit(relative, edit) {
      const file = join(dir, relative);
      await writeFile(file, edit(await readFile(file, 'utf8')));
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
