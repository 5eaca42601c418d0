// `npm install` runs this (the `prepare` script): it builds the compiled CLI (bin/compiled-cli.js) into
// node_modules/.cache, so that the first `npm start` of a fresh checkout starts as fast as the next ones.
// It never fails the install: without the build, the first command builds it (or runs the sources).
try {
  const { compiledCli } = await import('./compiled-cli.js');
  await compiledCli();
} catch (error) {
  console.warn(`Version compilée non préparée (${error instanceof Error ? error.message : String(error)}) : elle le sera au premier lancement.`);
}
