/**
 * `dispositifs serve`: starts the HTTP API (what `npm start` runs) and stops it gracefully on SIGINT or
 * SIGTERM.
 */
import type { Command } from 'commander';
import type { CliCommand } from '../main.ts';
import { EXIT_USAGE } from '../main.ts';

interface ServeOptions {
  port?: string;
  host?: string;
  db?: string;
  definitions?: string;
  tokens?: string;
  date?: string;
  oidc?: string;
  smtp?: string;
  mailFrom?: string;
  publicUrl?: string;
}

/** The `serve` command. */
export const command: CliCommand = {
  name: 'serve',
  register(program: Command) {
    program
      .command('serve')
      .description(
        "Démarre l'API HTTP : base SQLite embarquée (créée si absente), définitions chargées, minuteries déclenchées à leur échéance. Ctrl+C arrête le serveur proprement (requêtes en cours terminées, base fermée).",
      )
      .option('-p, --port <port>', 'port d’écoute (PORT ; 3000 par défaut ; 0 : un port libre)')
      .option('--host <hôte>', 'adresse d’écoute (HOST ; 127.0.0.1 par défaut : accessible de cette machine seulement)')
      .option('--db <fichier|url>', 'base de données : fichier SQLite ou postgres://… (DATABASE_URL, puis DISPOSITIFS_DB ; ./dispositifs.sqlite par défaut)')
      .option('--definitions <dossiers>', 'dossier(s) des définitions YAML, séparés par des virgules (DISPOSITIFS_DEFINITIONS ; definitions par défaut)')
      .option('--tokens <fichier>', 'fichier YAML ou JSON des jetons (DISPOSITIFS_TOKENS ; config/tokens.demo.yaml par défaut)')
      .option('--oidc <fichier>', 'connexion des personnes par OpenID Connect (ProConnect…) : fichier YAML des réglages (DISPOSITIFS_OIDC ; voir config/oidc.example.yaml)')
      .option('--smtp <url>', 'rappels par courriel : serveur SMTP, smtp://hôte:port (DISPOSITIFS_SMTP ; sans lui, les rappels restent dans « Mon espace »)')
      .option('--mail-from <adresse>', 'expéditeur des rappels (DISPOSITIFS_MAIL_FROM)')
      .option('--public-url <url>', 'adresse publique du serveur, pour les liens des courriels (DISPOSITIFS_PUBLIC_URL)')
      .option('--date <AAAA-MM-JJ>', 'démonstration : l’horloge du serveur part de ce jour puis avance normalement, pour rejouer un appel passé (DISPOSITIFS_DATE)')
      .action(async (options: ServeOptions) => {
        process.exitCode = await serve(options);
      });
  },
};

/** Seconds, the French way (`0,42 s`). */
const seconds = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;

async function serve(options: ServeOptions): Promise<number> {
  // Since the process started: Node itself, the choice of the compiled build or the sources, the CLI.
  const launched = performance.now();
  const { EngineError } = await import('../../engine/errors.ts');
  const { resolveServerConfig } = await import('../../server/config.ts');
  let config;
  try {
    config = resolveServerConfig(options, process.env);
  } catch (error) {
    if (error instanceof EngineError) {
      process.stderr.write(`erreur : ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const loading = performance.now();
  const { startServer } = await import('../../server/server.ts');
  const loaded = performance.now() - loading;
  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `le port ${config.port} est déjà utilisé ; choisissez-en un autre avec --port ou PORT.`
        : code === 'EACCES'
          ? `accès refusé à ${config.host}:${config.port} ; choisissez un port au-dessus de 1024.`
          : error instanceof EngineError
            ? error.message
            : `${(error as Error).message}`;
    process.stderr.write(`erreur : le serveur n'a pas démarré : ${reason}\n`);
    return 1;
  }

  const calls = server.repository.calls.size;
  const errors = server.repository.findings.filter((finding) => finding.severity === 'error').length;
  console.log(`Serveur dispositifs à l'écoute sur ${server.url}`);
  const phases = server.startup.map(({ phase, ms }) => `${phase} ${seconds(ms)}`).join(', ');
  console.log(`Démarré en ${seconds(performance.now())} : lancement ${seconds(launched)}, code du serveur ${seconds(loaded)}, ${phases}.`);
  console.log(`${calls} définition${calls > 1 ? 's' : ''} chargée${calls > 1 ? 's' : ''} depuis ${config.definitions.join(', ')} : ${[...server.repository.calls.keys()].sort().join(', ') || 'aucune'}`);
  if (errors > 0) console.log(`${errors} erreur${errors > 1 ? 's' : ''} dans les définitions (lancez « npx dispositifs validate ») : les appels concernés ne sont pas chargés.`);
  console.log(`Documentation : ${server.url}/docs ; espace des personnes : ${server.url}/espace`);
  console.log(config.oidc === undefined ? 'Connexion : par jeton d’accès (ajoutez --oidc pour ProConnect ou un autre fournisseur OpenID Connect).' : `Connexion : OpenID Connect (${config.oidc}).`);
  console.log(config.smtp === undefined ? 'Rappels : pas de serveur de courriel (--smtp) ; les échéances restent visibles dans « Mon espace ».' : 'Rappels : envoyés par courriel.');
  if (config.simulatedDate !== undefined) {
    console.log(`Date simulée : le serveur vit à partir du ${config.simulatedDate.split('-').reverse().join('/')} (démonstration ; jamais en production).`);
  }
  if (server.demoTokens) {
    console.log(`Jetons de démonstration (${config.tokens}) : pour un usage local uniquement, jamais en production.`);
  }
  console.log('Ctrl+C pour arrêter.');

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      // A second signal while draining stops at once.
      process.once(signal, () => process.exit(1));
      console.log('Arrêt en cours : les requêtes en cours se terminent…');
      void server.stop().then(() => {
        console.log('Serveur arrêté, base de données fermée.');
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
