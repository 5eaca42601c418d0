/**
 * Replays a scenario of `definitions/` through the signed-in pages instead of the engine: a real server per
 * scenario (in-memory SQLite, manual clock), each step's actor signed in with a token, each creation and
 * event done by the generated page's form (CSRF token, one-time key, version) as a browser posts it, then
 * the step's expectations checked by the scenario checker itself on the server's store. Where a page
 * cannot do what the engine can, the step fails with the page's words.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Repository } from '../../../engine/definition/index.ts';
import type { Actor } from '../../../engine/runtime/index.ts';
import { indicatorProblems, instantOf, scenarioIndicators, type Scenario, type ScenarioFile, type ScenarioStep } from '../../../engine/scenario/index.ts';
import { checkExpectations } from '../../../engine/scenario/expectations.ts';
import { fingerprint, resolveRef, toActor, type ScenarioWorld } from '../../../engine/scenario/scenario-world.ts';
import type { Store } from '../../../engine/store/index.ts';
import { manualClock, type ManualClock } from '../../../engine/time/index.ts';
import { DEFAULT_CONFIG } from '../../../server/config.ts';
import { definitionFields, schemaFields, type FormField } from '../../../server/espace/form-fields.ts';
import { silentLog } from '../../../server/request-log.ts';
import { startServer, type RunningServer } from '../../../server/server.ts';
import { DEFAULT_SENSITIVITIES, type Principal, type TokenRegistry } from '../../../server/tokens.ts';
import { BrowserSession, inputOf } from './browser-session.ts';

/** A token per scenario actor, made on first use (the token sign-in is the door under test, not the registry). */
export class ActorTokens implements TokenRegistry {
  readonly #principals = new Map<string, Principal>();
  readonly #tokens = new Map<string, string>();

  /** The token of an actor (the same actor, the same token). */
  tokenOf(actor: Actor): string {
    const key = JSON.stringify([actor.id, actor.role, actor.operatorId ?? null, actor.territories ?? null]);
    let token = this.#tokens.get(key);
    if (token === undefined) {
      if (actor.role === 'system') throw new Error('le système n’a pas de session');
      token = `scenario-${randomBytes(12).toString('hex')}`;
      this.#tokens.set(key, token);
      this.#principals.set(token, {
        id: actor.id, name: actor.id, role: actor.role, sees: new Set(DEFAULT_SENSITIVITIES[actor.role]),
        ...(actor.operatorId === undefined ? {} : { operatorId: actor.operatorId }), ...(actor.territories === undefined ? {} : { territories: actor.territories }),
      });
    }
    return token;
  }

  find(token: string): Principal | undefined {
    return this.#principals.get(token);
  }

  get size(): number {
    return this.#principals.size;
  }
}

/** What replaying one scenario through the pages gave. */
export interface PageReplay {
  /** The first failing step, in French with its place in the file; undefined when every step passed. */
  failure?: string;
  /** HTTP requests made, for the record. */
  requests: number;
}

/** What a page answered to a posted form. */
type Posted = { ok: true; location: string } | { ok: false; status: number; said: string };

interface Replay {
  file: ScenarioFile;
  server: RunningServer;
  clock: ManualClock;
  tokens: ActorTokens;
  browsers: Map<string, BrowserSession>;
  /** Scenario alias → the id the page gave the instance. */
  aliases: Map<string, string>;
  creators: Map<string, Actor>;
  /** Scenario idempotency key → the form key the first page gave. */
  keys: Map<string, string>;
  world: ScenarioWorld;
  requests: number;
}

/**
 * Replays `scenario` of `file` through the pages of a fresh server, and stops it.
 * @example
 * const { failure } = await replayThroughPages(file, file.scenarios[0]!, repository, new ActorTokens());
 */
export async function replayThroughPages(file: ScenarioFile, scenario: Scenario, repository: Repository, tokens: ActorTokens): Promise<PageReplay> {
  const call = repository.calls.get(file.call)!;
  const start = instantOf(scenario.start ?? scenario.steps.find((s) => s.at !== undefined)?.at ?? `${call.definition.year}-01-01`) ?? new Date(Date.UTC(call.definition.year, 0, 1, 11));
  const clock = manualClock(start);
  // A published call runs as on a real server; a draft or closed one as it is tried (its year replayed).
  const statusPolicy = call.definition.status === 'published' ? 'enforce' : 'trial';
  const server = await startServer({ ...DEFAULT_CONFIG, port: 0, database: ':memory:', timerIntervalMs: 3_600_000 }, { clock, log: silentLog, tokens, repository, statusPolicy });
  const aliases = new Map<string, string>();
  const store = aliased(server.store, aliases, new Set(['getInstance']));
  const engine = aliased(server.engine, aliases, new Set(['ledger', 'get', 'earnings']));
  const replay: Replay = {
    file, server, clock, tokens, browsers: new Map(), aliases, creators: new Map(), keys: new Map(), requests: 0,
    world: { engine, store, clock, creators: new Map(), repository, close: () => Promise.resolve() },
  };
  try {
    for (const step of scenario.steps) {
      const problems = await runStep(replay, step);
      if (problems.length > 0) return { failure: `${file.file}:${step.location.line} étape ${step.index + 1} (${describe(step)}) :\n  ${problems.join('\n  ')}`, requests: replay.requests };
    }
    return { requests: replay.requests };
  } finally {
    await server.stop();
  }
}

/**
 * The server's store or engine, reading a scenario alias as the id the page gave, where the checker names an
 * instance by its alias (`getInstance`, `ledger: { of: … }`).
 */
function aliased<T extends object>(target: T, aliases: Map<string, string>, methods: ReadonlySet<string | symbol>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      if (!methods.has(property)) return value.bind(object);
      return (id: string, ...rest: unknown[]) => (value as (...args: unknown[]) => unknown).call(object, aliases.get(id) ?? id, ...rest);
    },
  });
}

async function runStep(replay: Replay, step: ScenarioStep): Promise<string[]> {
  if (step.at !== undefined) {
    const instant = instantOf(step.at);
    if (instant === undefined) return [`date invalide « ${step.at} »`];
    if (instant.getTime() > replay.clock.now().getTime()) replay.clock.set(instant);
    // The due timers only, as the scenario runner does: the server's loop pass would also run its daily sweep
    // of missed follow-ups, which records a silent period before the scenario's next event reveals it.
    await replay.server.engine.runDueTimers();
  }
  const expect = step.expect ?? {};
  const refused = expect.refused !== undefined;
  const actor = await actorOf(replay, step);
  const before = refused ? await fingerprint(replay.server.store) : undefined;
  let posted: Posted | undefined;
  if (actor !== undefined && (step.create !== undefined || step.send !== undefined)) {
    const done = await act(replay, step, actor, refused);
    if (typeof done === 'string') return [done];
    posted = done;
  }
  if (refused) {
    if (posted?.ok === true) return [`refus attendu (${JSON.stringify(expect.refused)}), mais la page a accepté l'étape`];
    if ((await fingerprint(replay.server.store)) !== before) return ['la page a refusé, mais la base a changé'];
  } else if (posted?.ok === false) {
    return [`la page a refusé (${posted.status}) : ${posted.said}`];
  }
  const problems: string[] = [];
  if (expect.warnings !== undefined && posted?.ok === true) problems.push(...(await warningProblems(replay, actor!, posted.location, expect.warnings)));
  if (expect.indicators !== undefined) {
    problems.push(...indicatorProblems(expect.indicators, await scenarioIndicators(replay.server.store, replay.server.repository, replay.file.call, replay.clock.now())));
  }
  const target = expect.of ?? step.as ?? step.send?.to;
  const reader = expect.of !== undefined && step.create === undefined && step.send === undefined ? await defaultActor(replay, expect.of) : actor;
  problems.push(...(await checkExpectations(replay.world, expect, target, reader ?? { id: 'scenario', role: 'departement' })));
  return problems;
}

/** Does the step's creation or event through its page; a string is a page that cannot do it. */
async function act(replay: Replay, step: ScenarioStep, actor: Actor, refused: boolean): Promise<Posted | string> {
  const browser = await signIn(replay, actor);
  const input = step.with ?? {};
  if (step.create === 'application') {
    const path = `/espace/candidater/${encodeURIComponent(replay.file.call)}`;
    const page = await get(replay, browser, path);
    if (page.status !== 200) return refused ? { ok: false, status: page.status, said: 'page absente' } : `la page de candidature répond ${page.status} pour ${actor.role}`;
    const fields = definitionFields(replay.server.repository.calls.get(replay.file.call)?.definition.applicants?.fields);
    const values = formValues(fields, record(input.applicant));
    if (typeof values === 'string') return values;
    const posted = await post(replay, browser, path, page.text, { ...values, territoire: String(input.territory ?? '') }, step.idempotencyKey);
    if (posted.ok) remember(replay, step.as, posted.location, actor);
    return posted;
  }
  if (step.create === 'measure') {
    const parent = step.parent ?? String(input.parentId ?? '');
    const agreement = replay.aliases.get(parent) ?? parent;
    const measure = String(input.measure ?? '');
    const path = `/espace/orienter/${encodeURIComponent(agreement)}/${encodeURIComponent(measure)}`;
    if (!refused) {
      const agreementPage = await get(replay, browser, `/espace/dossiers/${encodeURIComponent(agreement)}`);
      if (!agreementPage.text.includes(`href="${path}"`)) return `la page de la convention n'offre pas d'orienter vers « ${measure} » à ${actor.role}`;
    }
    const page = await get(replay, browser, path);
    if (page.status !== 200) return refused ? { ok: false, status: page.status, said: 'page absente' } : `le formulaire d'orientation répond ${page.status} pour ${actor.role}`;
    const compiled = replay.server.engine.compiled(replay.file.call);
    const values = formValues(definitionFields(compiled.definition.measures?.[measure]?.beneficiary?.fields), record(input.beneficiary));
    if (typeof values === 'string') return values;
    const posted = await post(replay, browser, path, page.text, { ...values, ...(typeof input.territory === 'string' ? { territoire: input.territory } : {}) }, step.idempotencyKey);
    if (posted.ok) remember(replay, step.as, posted.location, actor);
    return posted;
  }
  const send = step.send!;
  const instance = await resolveRef(replay.world, send.to);
  if (instance === undefined) return `l'instance « ${send.to} » n'existe pas`;
  if (send.to.includes('/') && !refused) {
    const agreementPage = await get(replay, browser, `/espace/dossiers/${encodeURIComponent(instance.parentId ?? '')}`);
    if (!agreementPage.text.includes(`href="/espace/dossiers/${encodeURIComponent(instance.id)}"`)) return `la page de la convention ne mène pas au bilan « ${send.to} » pour ${actor.role}`;
  }
  const path = `/espace/dossiers/${encodeURIComponent(instance.id)}`;
  const page = await get(replay, browser, path);
  if (page.status !== 200) return refused ? { ok: false, status: page.status, said: 'dossier introuvable' } : `la page du dossier répond ${page.status} pour ${actor.role}`;
  const form = page.text.split('<form').find((f) => f.includes(`name="_type" value="${send.type}"`));
  if (form === undefined && !refused) return `la page du dossier (état ${instance.state}) n'a pas de bouton « ${send.type} » pour ${actor.role}`;
  const lifecycle = replay.server.engine.compiled(replay.file.call).lifecycle(instance.lifecycle);
  const values = formValues(schemaFields(lifecycle?.events.get(send.type)?.payload), send.payload ?? {});
  if (typeof values === 'string') return values;
  const version = form === undefined ? String(instance.version) : hidden(form, '_version');
  return post(replay, browser, `${path}/evenements`, page.text, { ...values, _type: send.type, _version: version, ...(form === undefined ? {} : { _cle: hidden(form, '_cle') }) }, send.idempotencyKey ?? step.idempotencyKey);
}

/** What a person types for each field of a generated form, from the scenario's message. */
function formValues(fields: readonly FormField[], message: Record<string, unknown>): Record<string, string> | string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(message)) {
    const field = fields.find((f) => f.name === name);
    if (field === undefined) return `le formulaire n'a pas de champ « ${name} » (la page ne peut pas envoyer ce message)`;
    if (Array.isArray(value) && value.some((v) => typeof v === 'object')) return `le champ « ${name} » attend une liste d'objets, que le formulaire ne sait pas saisir`;
    if (!Array.isArray(value) && typeof value === 'object' && value !== null) return `le champ « ${name} » attend un objet, que le formulaire ne sait pas saisir`;
    values[name] = typeof value === 'boolean' ? (value ? 'oui' : 'non') : Array.isArray(value) ? value.join('\n') : String(value);
  }
  return values;
}

async function post(replay: Replay, browser: BrowserSession, path: string, page: string, fields: Record<string, string>, scenarioKey: string | undefined): Promise<Posted> {
  const formKey = fields._cle ?? inputOf(page, '_cle', path) ?? randomBytes(18).toString('base64url');
  const key = scenarioKey === undefined ? formKey : (replay.keys.get(scenarioKey) ?? replay.keys.set(scenarioKey, formKey).get(scenarioKey)!);
  replay.requests += 1;
  const response = await browser.post(`${replay.server.url}${path}`, { _csrf: inputOf(page, '_csrf')!, ...fields, _cle: key });
  const text = await response.text();
  if (response.status === 303) return { ok: true, location: response.headers.get('location')! };
  return { ok: false, status: response.status, said: errorText(text) };
}

async function get(replay: Replay, browser: BrowserSession, path: string): Promise<{ status: number; text: string }> {
  replay.requests += 1;
  const response = await browser.fetch(`${replay.server.url}${path}`);
  return { status: response.status, text: await response.text() };
}

async function signIn(replay: Replay, actor: Actor): Promise<BrowserSession> {
  const token = replay.tokens.tokenOf(actor);
  let browser = replay.browsers.get(token);
  if (browser === undefined) {
    browser = new BrowserSession();
    replay.requests += 1;
    const response = await browser.post(`${replay.server.url}/connexion/jeton`, { jeton: token, retour: '/espace' });
    if (response.status !== 303) throw new Error(`connexion refusée (${response.status}) pour ${actor.id}`);
    replay.browsers.set(token, browser);
  }
  return browser;
}

function remember(replay: Replay, alias: string | undefined, location: string, actor: Actor): void {
  const id = /\/espace\/dossiers\/([^?]+)/.exec(location)?.[1];
  if (alias === undefined || id === undefined) return;
  replay.aliases.set(alias, decodeURIComponent(id));
  replay.creators.set(alias, actor);
}

/** The warnings the page the person is sent back to shows, against the expected ones. */
async function warningProblems(replay: Replay, actor: Actor, location: string, expected: string[]): Promise<string[]> {
  const page = await get(replay, await signIn(replay, actor), location);
  const notice = /<div class="notice" role="status">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '';
  const shown = [...notice.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1]!));
  if (expected.length === 0) return shown.length === 0 ? [] : [`aucun avertissement attendu, la page montre : ${shown.join(' ; ')}`];
  return expected.filter((text) => !shown.some((w) => w.includes(text))).map((text) => `avertissement « ${text} » attendu sur la page, qui montre : ${shown.join(' ; ') || 'aucun'}`);
}

async function actorOf(replay: Replay, step: ScenarioStep): Promise<Actor | undefined> {
  const written = step.send?.actor ?? step.actor;
  if (written !== undefined) return toActor(written, replay.file.actors);
  if (step.create === 'application') return { id: 'operateur', role: 'operator', operatorId: String(step.with?.operatorId ?? '') };
  if (step.create === 'measure') {
    const parent = step.parent === undefined ? undefined : await replay.world.store.getInstance(step.parent);
    return { id: 'operateur', role: 'operator', ...(parent?.operatorId ? { operatorId: parent.operatorId } : {}) };
  }
  if (step.send !== undefined) return defaultActor(replay, step.send.to);
  return undefined;
}

async function defaultActor(replay: Replay, ref: string): Promise<Actor | undefined> {
  const creator = replay.creators.get(ref.split('/')[0] ?? ref);
  if (creator !== undefined) return creator;
  const instance = await resolveRef(replay.world, ref);
  return instance?.operatorId ? { id: 'operateur', role: 'operator', operatorId: instance.operatorId } : undefined;
}

function describe(step: ScenarioStep): string {
  if (step.label !== undefined) return step.label;
  if (step.create !== undefined) return `création « ${step.as ?? ''} »`;
  if (step.send !== undefined) return `« ${step.send.type} » à « ${step.send.to} »`;
  return `vérification${step.at === undefined ? '' : ` au ${step.at}`}`;
}

function hidden(form: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function errorText(page: string): string {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? page.slice(0, 300);
  return unescape(summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

function unescape(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
