#!/usr/bin/env node
// The `dispositifs` command. It runs the compiled CLI (bin/compiled-cli.js: the TypeScript sources bundled
// by esbuild, rebuilt whenever a source changes), or the sources themselves through tsx when the build
// cannot be made or when DISPOSITIFS_SOURCES=1 asks for it.
const argv = process.argv.slice(2);

async function compiledEntry() {
  if (process.env.DISPOSITIFS_SOURCES === '1') return undefined;
  try {
    const { compiledCli } = await import('./compiled-cli.js');
    return (await compiledCli()).entry;
  } catch (error) {
    process.stderr.write(
      `dispositifs : version compilée indisponible (${error instanceof Error ? error.message : String(error)}) ; exécution depuis les sources TypeScript, démarrage plus lent.\n`,
    );
    return undefined;
  }
}

const entry = await compiledEntry();
if (entry !== undefined) {
  const { pathToFileURL } = await import('node:url');
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../cli/main.ts');
  process.exitCode = await main(argv);
}
