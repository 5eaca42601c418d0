/**
 * `npm install` runs this (the `prepare` script): it compiles the definition validator once and caches it
 * in node_modules/.cache, so that the first `dispositifs validate` of a fresh checkout is as fast as the
 * next ones. It never fails the install: without the cache, the validator compiles on first use.
 */
try {
  const { definitionValidator } = await import('../engine/definition/schema-compiler.ts');
  definitionValidator();
} catch (error) {
  console.warn(`Validateur des définitions non précompilé (${error instanceof Error ? error.message : String(error)}) : il le sera au premier usage.`);
}
