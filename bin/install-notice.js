#!/usr/bin/env node
// `npm install` (preinstall): says which step is long and why. npm 11 runs the project's own preinstall
// once dependencies are in place (npm 12 before them); .npmrc's foreground-scripts shows the compilation
// itself as it happens.
console.log(
  [
    'dispositifs : better-sqlite3 (le pilote SQLite) est compilé depuis ses sources C par node-gyp quand aucun',
    'binaire précompilé ne convient à cette machine : c’est l’étape longue de npm install (1 à 2 minutes, les',
    'lignes « gyp » et « CC/CXX » en montrent l’avancement). Il faut python3, make et un compilateur C++',
    '(sous Debian : sudo apt-get install python3 make g++).',
  ].join('\n'),
);
