/**
 * `npm install` runs this (the `prepare` script): it bundles the preview's code editor (CodeMirror 6 and the
 * page's script) into node_modules/.cache, so that `npm start` serves it at once. It never fails the
 * install: without the cache, the server builds the bundle on the editor's first request.
 */
try {
  const { editorBundle } = await import('../server/preview/editor-bundle.ts');
  await editorBundle();
} catch (error) {
  console.warn(`Éditeur non préparé (${error instanceof Error ? error.message : String(error)}) : il le sera au premier affichage.`);
}
