/**
 * The server's configuration: command-line flags first, then the environment, then defaults that make
 * `npm start` work on a fresh clone.
 */
import { EngineError } from '../engine/errors.ts';
import { isPlainDate } from '../engine/time/index.ts';

/** Everything `startServer` needs to know. */
export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file (created when absent), `:memory:`, or a `postgres://` URL. */
  database: string;
  /** Folder(s) of YAML definitions. */
  definitions: string[];
  /** YAML or JSON file of bearer tokens. */
  tokens: string;
  /** How often due timers are run, in milliseconds. */
  timerIntervalMs: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Demonstration only: the calendar day the server's clock starts on (then it runs at the real pace). */
  simulatedDate?: string;
  /** YAML file of the OpenID Connect sign-in settings (none: sign-in with an access token only). */
  oidc?: string;
  /** Reminders by e-mail: the SMTP server's URL (none: reminders stay in the outbox and the inbox). */
  smtp?: string;
  /** The sender address of reminders. */
  mailFrom: string;
  /** The server's public address, for links in e-mails. */
  publicUrl?: string;
}

/** Flags as the CLI passes them (strings, all optional). */
export interface ServerFlags {
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

/** Defaults: loopback only, the demo tokens, the definitions of the repository. */
export const DEFAULT_CONFIG: ServerConfig = {
  port: 3000,
  host: '127.0.0.1',
  database: './dispositifs.sqlite',
  definitions: ['definitions'],
  tokens: 'config/tokens.demo.yaml',
  timerIntervalMs: 5_000,
  bodyLimit: 1024 * 1024,
  mailFrom: 'dispositifs@localhost',
};

/** The environment variables read, and the flag each one stands for. */
export const ENVIRONMENT = {
  PORT: '--port',
  HOST: '--host',
  DATABASE_URL: '--db',
  DISPOSITIFS_DB: '--db',
  DISPOSITIFS_DEFINITIONS: '--definitions',
  DISPOSITIFS_TOKENS: '--tokens',
  DISPOSITIFS_DATE: '--date',
  DISPOSITIFS_OIDC: '--oidc',
  DISPOSITIFS_SMTP: '--smtp',
  DISPOSITIFS_MAIL_FROM: '--mail-from',
  DISPOSITIFS_PUBLIC_URL: '--public-url',
} as const;

/**
 * Resolves the configuration; throws an `EngineError` (`donnees-invalides`) naming the flag or variable
 * when a value is malformed.
 * @example
 * resolveServerConfig({ port: '8080' }, process.env) // { port: 8080, host: '127.0.0.1', … }
 */
export function resolveServerConfig(flags: ServerFlags, env: Record<string, string | undefined>): ServerConfig {
  const pick = (flag: string | undefined, name: keyof typeof ENVIRONMENT): { value?: string; from: string } => {
    if (flag !== undefined && flag !== '') return { value: flag, from: ENVIRONMENT[name] };
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, from: name };
    return { from: name };
  };
  const config: ServerConfig = { ...DEFAULT_CONFIG, definitions: [...DEFAULT_CONFIG.definitions] };

  const port = pick(flags.port, 'PORT');
  if (port.value !== undefined) {
    if (!/^\d{1,5}$/.test(port.value) || Number(port.value) > 65535) {
      throw new EngineError('donnees-invalides', `${port.from} : port invalide « ${port.value} » ; attendu un entier de 0 à 65535.`);
    }
    config.port = Number(port.value);
  }
  const host = pick(flags.host, 'HOST');
  if (host.value !== undefined) config.host = host.value;
  // DATABASE_URL before DISPOSITIFS_DB, as `dispositifs migrate` reads them: both commands see one database.
  const database = pick(flags.db, 'DATABASE_URL').value ?? pick(undefined, 'DISPOSITIFS_DB').value;
  if (database !== undefined) config.database = database;
  const definitions = pick(flags.definitions, 'DISPOSITIFS_DEFINITIONS');
  if (definitions.value !== undefined) {
    config.definitions = definitions.value.split(',').map((dir) => dir.trim()).filter((dir) => dir !== '');
  }
  const tokens = pick(flags.tokens, 'DISPOSITIFS_TOKENS');
  if (tokens.value !== undefined) config.tokens = tokens.value;
  const oidc = pick(flags.oidc, 'DISPOSITIFS_OIDC');
  if (oidc.value !== undefined) config.oidc = oidc.value;
  const smtp = pick(flags.smtp, 'DISPOSITIFS_SMTP');
  if (smtp.value !== undefined) {
    if (!/^smtps?:\/\//.test(smtp.value)) throw new EngineError('donnees-invalides', `${smtp.from} : adresse de serveur de courriel invalide ; attendu smtp://hôte:port ou smtps://hôte:port.`);
    config.smtp = smtp.value;
  }
  const mailFrom = pick(flags.mailFrom, 'DISPOSITIFS_MAIL_FROM');
  if (mailFrom.value !== undefined) config.mailFrom = mailFrom.value;
  const publicUrl = pick(flags.publicUrl, 'DISPOSITIFS_PUBLIC_URL');
  if (publicUrl.value !== undefined) {
    if (!/^https?:\/\//.test(publicUrl.value)) throw new EngineError('donnees-invalides', `${publicUrl.from} : adresse publique invalide ; attendu https://… (celle que les courriels donnent en lien).`);
    config.publicUrl = publicUrl.value.replace(/\/+$/, '');
  }
  const date = pick(flags.date, 'DISPOSITIFS_DATE');
  if (date.value !== undefined) {
    if (!isPlainDate(date.value)) {
      throw new EngineError('donnees-invalides', `${date.from} : date invalide « ${date.value} » ; attendu AAAA-MM-JJ, par exemple 2024-04-15.`);
    }
    config.simulatedDate = date.value;
  }
  return config;
}
