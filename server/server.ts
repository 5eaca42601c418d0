/**
 * The whole server: store, definitions, engine, timer loop and HTTP listener, started together and
 * stopped in order (no new requests, requests under way answered, timers stopped, database closed).
 */
import { loadRepository, type Repository } from '../engine/definition/index.ts';
import { checkPublishedContent, createEngine, type Engine, type StatusPolicy } from '../engine/runtime/index.ts';
import { EngineError } from '../engine/errors.ts';
import { organisationRegister } from '../engine/organisations/index.ts';
import { openStore, type Store } from '../engine/store/index.ts';
import { parisDate, systemClock, type Clock } from '../engine/time/index.ts';
import { createApi } from './app.ts';
import { loadDepartement } from './departement-config.ts';
import type { ServerConfig } from './config.ts';
import { listen, type HttpListener } from './http-listener.ts';
import { consoleLog, type ServerLog } from './request-log.ts';
import { simulatedClock } from './simulated-clock.ts';
import { startTimerLoop, type TimerLoop } from './timer-loop.ts';
import { loadTokenRegistry, type TokenRegistry } from './tokens.ts';
import { loadOidcSettings, type OidcSettings } from './signin/oidc-settings.ts';
import { runReminders, smtpSender, type MailSender } from './reminders/reminder-worker.ts';

/** A running server. */
export interface RunningServer {
  url: string;
  engine: Engine;
  store: Store;
  repository: Repository;
  /** True when the tokens file says it holds demo tokens. */
  demoTokens: boolean;
  /** What the start took, phase by phase, in milliseconds (the server prints it; `npm run bench -- start` reads it). */
  startup: StartupPhase[];
  /** Runs the due timers now (tests move a manual clock, then call it). */
  runDueTimers(): Promise<void>;
  /** Graceful stop: idempotent, resolves once the database is closed. */
  stop(): Promise<void>;
}

/** One phase of the start and its duration. */
export interface StartupPhase {
  phase: 'jetons' | 'définitions' | 'base' | 'contenu publié' | 'application' | 'écoute';
  ms: number;
}

/** What {@link startServer} may be given besides the configuration. */
export interface StartOptions {
  clock?: Clock;
  log?: ServerLog;
  /** Tokens given directly (tests) instead of reading `config.tokens`. */
  tokens?: TokenRegistry;
  /** Sign-in settings given directly (tests) instead of reading `config.oidc`. */
  oidc?: OidcSettings;
  /** A mail sender given directly instead of `config.smtp`. */
  mailSender?: MailSender;
  /** Definitions already loaded (tests that start many servers) instead of reading `config.definitions`. */
  repository?: Repository;
  /** How calls' statuses are treated; `enforce` (the default) for a real server, `trial` to try a draft or closed call's year. */
  statusPolicy?: StatusPolicy;
}

/**
 * Starts the server.
 * @example
 * const server = await startServer(resolveServerConfig({}, process.env));
 * console.log(server.url);
 * await server.stop();
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? consoleLog;
  const clock = options.clock ?? (config.simulatedDate === undefined ? systemClock : simulatedClock(config.simulatedDate));
  const startup: StartupPhase[] = [];
  let since = performance.now();
  const done = (phase: StartupPhase['phase']) => {
    startup.push({ phase, ms: performance.now() - since });
    since = performance.now();
  };
  const { registry, demo } = options.tokens === undefined ? await loadTokenRegistry(config.tokens) : { registry: options.tokens, demo: false };
  done('jetons');
  const repository = options.repository ?? (await loadRepository(config.definitions));
  done('définitions');
  const store = await openStore(config.database);
  done('base');
  let loop: TimerLoop | undefined;
  let listener: HttpListener | undefined;
  try {
    const frozen = await checkPublishedContent(store, repository, { record: true, at: clock.now().toISOString() });
    if (frozen.findings.length > 0) {
      const lines = frozen.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`);
      throw new EngineError('donnees-invalides', `contenu d'un appel publié modifié sans changer sa version :\n${lines.join('\n')}`, { calls: frozen.findings.length });
    }
    done('contenu publié');
    const engine = createEngine({ store, repository, clock, organisations: organisationRegister(store.db), ...(options.statusPolicy === undefined ? {} : { statusPolicy: options.statusPolicy }) });
    const oidc = options.oidc ?? (config.oidc === undefined ? undefined : await loadOidcSettings(config.oidc, process.env));
    const departement = await loadDepartement(process.env);
    const finance = { store, departement: () => Promise.resolve(departement) };
    const app = createApi({ engine, store, clock, repository: () => repository, tokens: registry, log, bodyLimit: config.bodyLimit, finance, ...(oidc === undefined ? {} : { oidc }) });
    done('application');
    listener = await listen(app, { port: config.port, host: config.host });
    done('écoute');
    const sender = options.mailSender ?? (config.smtp === undefined ? undefined : smtpSender(config.smtp, config.mailFrom));
    const baseUrl = config.publicUrl ?? listener.url;
    // One loop, one pass at a time: the timers fire (writing their reminders), then the reminders go out;
    // once a day (the first pass of each Paris day) the follow-ups missed by silent measures are recorded.
    let swept: string | undefined;
    loop = startTimerLoop(async () => {
      await engine.runDueTimers();
      const today = parisDate(clock.now());
      if (swept !== today) {
        await engine.sweepMissedRhythms();
        swept = today;
      }
      if (sender !== undefined) await runReminders({ db: store.db, clock, sender, baseUrl });
    }, config.timerIntervalMs, log);
    const running = listener;
    const timers = loop;
    let stopping: Promise<void> | undefined;
    return {
      url: running.url,
      engine,
      store,
      repository,
      demoTokens: demo,
      startup,
      runDueTimers: () => timers.runNow(),
      stop: () =>
        (stopping ??= (async () => {
          await running.close();
          await timers.stop();
          await store.close();
        })()),
    };
  } catch (error) {
    await listener?.close();
    await loop?.stop();
    await store.close();
    throw error;
  }
}
