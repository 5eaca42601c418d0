/**
 * The signed-in pages (« Mon espace »), mounted at `/`: sign-in, the inbox, an instance's page with its
 * actions, applying to a call. Every action goes through the same engine calls as the API, with the same
 * checks, and a one-time key per displayed form so that a double click applies once. Pages are generated
 * from the definition: none knows a call by name.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { Period, Repository } from '../../engine/definition/index.ts';
import { callMachines, drawMachine, pathThrough } from '../../engine/diagram/index.ts';
import { buildInbox, ordersToIssue } from '../../engine/inbox/index.ts';
import type { Payments } from '../../engine/payments/index.ts';
import { findPerson, recordPerson, REMINDER_MODES, setReminderMode, type Person } from '../../engine/reminders/index.ts';
import type { Engine } from '../../engine/runtime/index.ts';
import type { Store } from '../../engine/store/index.ts';
import { isWithin, parisDate, type Clock, type PlainDateString } from '../../engine/time/index.ts';
import { DEFAULT_BODY_LIMIT, limitBody } from '../body.ts';
import { page, type SignedIn } from '../preview/layout.ts';
import { actorOf } from '../principal.ts';
import { redactData, redactPayload, hiddenFields, SensitivityIndex } from '../redaction.ts';
import type { Principal, TokenRegistry } from '../tokens.ts';
import type { OidcSettings } from '../signin/oidc-settings.ts';
import { requireCsrf, requireSession, type SigninEnv } from '../signin/session-auth.ts';
import type { SessionStore } from '../signin/sessions.ts';
import { signinRoutes } from '../signin/signin-routes.ts';
import { UNSEEN, refusalOf } from './engine-refusal.ts';
import { definitionFields, readForm, schemaFields } from './form-fields.ts';
import { errorSummary, renderFields } from './form-render.ts';
import { inboxPage } from './inbox-page.ts';
import { paymentOrderFormRoutes, RETURN_UPLOAD_PATH, type PaymentOutcome } from './payment-orders-routes.ts';
import { registerActor } from '../routes/organisations.ts';
import { reportRoutes } from '../routes/reports.ts';
import { instancePage, type EventForm, type FailedEvent } from './instance-page.ts';

/** What the signed-in pages run on. */
export interface EspaceDeps {
  engine: Engine;
  store: Pick<Store, 'getInstance' | 'getDefinition' | 'db' | 'dialect'>;
  repository: () => Repository;
  clock: Clock;
  sessions: SessionStore;
  tokens: TokenRegistry;
  oidc?: OidcSettings;
  /** The payment orders, when the server keeps them: the finance service sees those to emit in its inbox. */
  payments?: Payments;
  /** The bound of the finance software's return file posted from the inbox: the API's body limit (1 Mio by default). */
  uploadLimit?: number;
}

const FORM_BODY_LIMIT = 64 * 1024;
const FORM_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Builds the signed-in pages.
 * @example
 * app.route('/', createEspaceApp({ engine, store, repository: () => repository, clock, sessions: new DatabaseSessions(store.db), tokens }));
 */
export function createEspaceApp(deps: EspaceDeps): Hono<SigninEnv> {
  const app = new Hono<SigninEnv>();
  const sensitivities = new SensitivityIndex(deps.store);
  const warnings = new FlashMessages();
  // A call's report page is self-contained: its styles are inline (it has no script), so they are allowed there.
  app.use('/espace/appels/*', async (c, next) => {
    await next();
    const policy = c.res.headers.get('content-security-policy');
    if (policy !== null) c.res.headers.set('content-security-policy', policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  });
  // Signed-in pages: nothing from elsewhere, never in a frame, no referrer to other sites.
  for (const path of ['/espace', '/espace/*', '/connexion', '/connexion/*']) {
    app.use(path, secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
      referrerPolicy: 'same-origin',
    }));
  }
  // Forms are small: a bound on what any visitor can make the server read.
  // The finance software's return file is posted under the API's own bound.
  const formLimit = limitBody(FORM_BODY_LIMIT);
  const uploadLimit = limitBody(deps.uploadLimit ?? DEFAULT_BODY_LIMIT);
  app.use('/espace/*', (c, next) => (c.req.path === RETURN_UPLOAD_PATH ? uploadLimit : formLimit)(c, next));
  for (const path of ['/connexion/*', '/deconnexion']) app.use(path, formLimit);
  const onSignIn = async (principal: Principal, email: string | undefined) => {
    const known = await findPerson(deps.store.db, principal.id);
    await recordPerson(deps.store.db, {
      id: principal.id, name: principal.name, email: email ?? known?.email ?? null, role: principal.role,
      operatorId: principal.operatorId ?? null, territories: principal.territories ?? [],
    }, deps.clock.now().toISOString());
  };
  app.route('/', signinRoutes({ sessions: deps.sessions, tokens: deps.tokens, onSignIn, ...(deps.oidc === undefined ? {} : { oidc: deps.oidc }) }));
  app.use('/espace', requireSession(deps.sessions));
  app.use('/espace/*', requireSession(deps.sessions), requireCsrf());
  const today = (): PlainDateString => parisDate(deps.clock.now()) as PlainDateString;
  const userOf = (c: Context<SigninEnv>): SignedIn => ({ name: c.var.principal.name, csrf: c.var.session.csrf });

  const showInbox = async (c: Context<SigninEnv>, paymentOutcome?: PaymentOutcome, status: 200 | 422 = 200) => {
    const actor = actorOf(c.var.principal);
    const inbox = await buildInbox(deps.engine, actor, { today: today() });
    const applyTo = actor.role !== 'operator' ? [] : [...deps.repository().calls.values()]
      .filter((call) => call.definition.status === 'published' && Object.values(call.definition.windows ?? {}).some((w) => openOn(w.application, today())))
      .map((call) => ({ id: call.id, title: call.definition.title }));
    const paymentOrders = deps.payments === undefined ? undefined : await ordersToIssue(deps.payments, registerActor(c.var.principal));
    // An evaluator reads no file, only the calls' aggregates: its inbox leads to each call's indicators and budget.
    const reports = actor.role !== 'evaluator' ? [] : [...deps.repository().calls.values()]
      .filter((call) => call.definition.status !== 'draft').map((call) => ({ id: call.id, title: call.definition.title }));
    return c.html(inboxPage({
      user: userOf(c), role: actor.role, inbox, applyTo, reports, ...(paymentOrders === undefined ? {} : { paymentOrders }),
      ...(paymentOutcome === undefined ? {} : { paymentOutcome }),
    }), status);
  };
  app.get('/espace', (c) => showInbox(c));
  if (deps.payments !== undefined) app.route('/espace/ordres', paymentOrderFormRoutes({ payments: deps.payments, showInbox, unseen }));

  const showInstance = async (c: Context<SigninEnv>, id: string, extra: { failed?: FailedEvent; notice?: string; warnings?: string[] } = {}, status: 200 | 409 | 422 = 200) => {
    const principal = c.var.principal;
    const actor = actorOf(principal);
    const record = await deps.store.getInstance(id);
    if (record === undefined) return unseen(c);
    let view;
    try {
      deps.engine.authorize(actor, record);
      view = await deps.engine.get(id, actor);
    } catch (error) {
      if (error instanceof Error && 'code' in error && UNSEEN.has(String(error.code))) return unseen(c);
      throw error;
    }
    const fields = await sensitivities.of({ definitionHash: view.definition.hash, kind: view.kind, measureKind: view.measureKind });
    const { data, hidden } = redactData(view.data, fields, principal);
    const hiddenSet = hiddenFields(fields, principal);
    const history = (await deps.engine.history(id, actor)).map((entry) => ({ ...entry, payload: redactPayload(entry.payload, hiddenSet) }));
    const compiled = deps.engine.compiled(view.callId);
    const lifecycle = compiled.lifecycle(view.lifecycle);
    const forms: EventForm[] = view.allowedEvents.map((event) => ({ type: event.type, label: event.label, fields: schemaFields(lifecycle?.events.get(event.type)?.payload) }));
    const earning = view.kind === 'measure' ? await deps.engine.earnings(id, actor) : undefined;
    const machine = callMachines(compiled.definition).find((m) => m.key === view.lifecycle);
    const states = history.map((h) => h.state).filter((s): s is string => s !== undefined);
    const highlight = machine === undefined ? undefined : pathThrough(machine.lifecycle, states.length > 0 ? states : [view.state.id]);
    const diagram = machine === undefined ? undefined : (await drawMachine(machine, { format: 'svg', titled: false, ...(highlight === undefined ? {} : { highlight }) })).text;
    const keys = new Map<string, string>();
    const declared = view.kind === 'application' ? compiled.definition.applicants?.fields
      : view.kind === 'measure' ? compiled.definition.measures?.[view.measureKind ?? '']?.beneficiary?.fields : undefined;
    const fieldLabels = new Map(Object.entries(declared ?? {}).map(([id, field]) => [id, field.label]));
    const agreement = view.kind === 'application' && record.selectedOn !== null;
    // The ledger and its schedule; the page shows none of the rows of paid acts, so asks for one alone.
    const ledger = agreement ? await deps.engine.ledger(id, actor, { limit: 1 }) : undefined;
    const schedule = (ledger?.schedule ?? []).map((r) => ({ label: r.label, amountCents: r.amountCents, at: r.at }));
    const mayRefer = agreement && !view.state.final && actor.role !== 'evaluator';
    const reports = agreement ? (await deps.engine.list({ parentId: id, kind: 'report', limit: 50 }, actor)).items.map((r) => ({ id: r.id, label: reportLabel(compiled.definition.reports, r.reportId) ?? r.id, state: r.state.label })) : [];
    const referrals = mayRefer ? [...compiled.measures.keys()].map((measure) => ({ measure, label: compiled.lifecycle(`measure:${measure}`)?.label ?? measure })) : [];
    return c.html(instancePage({
      user: userOf(c), view, lifecycleLabel: lifecycle?.label ?? view.lifecycle, data, hidden, history, forms, fieldLabels,
      ...(earning === undefined ? {} : { earning }), ...(diagram === undefined ? {} : { diagram }),
      keyOf: (type) => keys.get(type) ?? keys.set(type, randomBytes(18).toString('base64url')).get(type)!,
      ...(ledger === undefined ? {} : { ledger: { ledger: ledger.ledger, schedule } }), referrals, reports,
      ...extra, today: today(),
    }), status);
  };

  app.get('/espace/dossiers/:id', (c) => {
    const done = c.req.query('fait');
    const warned = warnings.take(c.var.session.id);
    return showInstance(c, c.req.param('id'), done === undefined ? {} : { notice: `« ${done} » est enregistré.`, ...(warned === undefined ? {} : { warnings: warned }) });
  });

  app.post('/espace/dossiers/:id/evenements', async (c) => {
    const id = c.req.param('id');
    const actor = actorOf(c.var.principal);
    const form = await c.req.parseBody();
    const type = typeof form._type === 'string' ? form._type : '';
    const record = await deps.store.getInstance(id);
    if (record === undefined) return unseen(c);
    try {
      deps.engine.authorize(actor, record);
    } catch {
      return unseen(c);
    }
    const lifecycle = deps.engine.compiled(record.callId).lifecycle(record.lifecycle);
    const event = lifecycle?.events.get(type);
    const fields = schemaFields(event?.payload);
    const { value, errors } = readForm(fields, form);
    if (errors.length > 0) return showInstance(c, id, { failed: { type, errors, values: value } }, 422);
    const key = typeof form._cle === 'string' && FORM_KEY.test(form._cle) ? `espace:${actor.id}:${form._cle}` : undefined;
    const version = typeof form._version === 'string' && /^\d{1,12}$/.test(form._version) ? Number(form._version) : undefined;
    try {
      const response = await deps.engine.send(id, {
        type, actor, ...(fields.length > 0 || event?.payload !== undefined ? { payload: value } : {}),
        ...(key === undefined ? {} : { idempotencyKey: key }), ...(version === undefined ? {} : { expectedVersion: version }),
      });
      if (response.warnings !== undefined && response.warnings.length > 0) warnings.keep(c.var.session.id, response.warnings);
    } catch (error) {
      const refusal = refusalOf(error, fields);
      return showInstance(c, id, { failed: { type, message: refusal.message, errors: refusal.errors, values: value } }, 409);
    }
    return c.redirect(`/espace/dossiers/${encodeURIComponent(id)}?fait=${encodeURIComponent(event?.label ?? type)}`, 303);
  });

  app.route('/espace/appels', reportRoutes({ store: deps.store, repository: deps.repository, clock: deps.clock }) as unknown as Hono<SigninEnv>);

  app.get('/espace/orienter/:agreement/:measure', (c) => referralForm(c, deps, userOf(c)));
  app.post('/espace/orienter/:agreement/:measure', async (c) => {
    const target = await referralTarget(c, deps);
    if (target === undefined) return unseen(c);
    const form = await c.req.parseBody();
    const { value, errors } = readForm(target.fields, form);
    const territory = typeof form.territoire === 'string' && form.territoire !== '' ? form.territoire : target.territory ?? '';
    if (!target.territories.some((t) => t.id === territory)) errors.unshift({ field: 'territoire', message: 'Choisissez le territoire du ménage parmi ceux que sert la convention.' });
    if (errors.length > 0) return referralForm(c, deps, userOf(c), { errors, values: { ...value, territoire: territory } }, 422);
    const actor = actorOf(c.var.principal);
    const key = typeof form._cle === 'string' && FORM_KEY.test(form._cle) ? `espace:${actor.id}:${form._cle}` : undefined;
    try {
      const response = await deps.engine.createMeasure({
        parentId: target.agreement, measure: target.measure, territory, actor, beneficiary: value, ...(key === undefined ? {} : { idempotencyKey: key }),
      });
      return c.redirect(`/espace/dossiers/${encodeURIComponent(response.instanceId)}?fait=${encodeURIComponent('Ménage orienté')}`, 303);
    } catch (error) {
      if (error instanceof Error && 'code' in error && UNSEEN.has(String(error.code))) return unseen(c);
      const refusal = refusalOf(error, target.fields);
      return referralForm(c, deps, userOf(c), { message: refusal.message, errors: refusal.errors, values: { ...value, territoire: territory } }, 409);
    }
  });

  app.get('/accessibilite', (c) => c.html(accessibilityPage()));
  app.get('/espace/preferences', async (c) => c.html(preferencesPage(userOf(c), await findPerson(deps.store.db, c.var.principal.id), c.req.query('fait') !== undefined)));
  app.post('/espace/preferences', async (c) => {
    const form = await c.req.parseBody();
    const mode = REMINDER_MODES.find(([m]) => m === form.mode)?.[0];
    if (mode === undefined) return c.html(preferencesPage(userOf(c), await findPerson(deps.store.db, c.var.principal.id), false, 'Choisissez une des façons d’être prévenu.'), 422);
    await setReminderMode(deps.store.db, c.var.principal.id, mode, deps.clock.now().toISOString());
    return c.redirect('/espace/preferences?fait=1', 303);
  });

  app.get('/espace/candidater/:call', (c) => applicationForm(c, deps, userOf(c)));
  app.post('/espace/candidater/:call', async (c) => {
    const call = deps.repository().calls.get(c.req.param('call'));
    if (call === undefined || c.var.principal.role !== 'operator') return unseen(c);
    const form = await c.req.parseBody();
    const fields = definitionFields(call.definition.applicants?.fields);
    const { value, errors } = readForm(fields, form);
    const territory = typeof form.territoire === 'string' ? form.territoire : '';
    if (territory === '') errors.unshift({ field: 'territoire', message: 'Choisissez le territoire de la candidature.' });
    if (errors.length > 0) return applicationForm(c, deps, userOf(c), { errors, values: { ...value, territoire: territory } }, 422);
    const actor = actorOf(c.var.principal);
    const key = typeof form._cle === 'string' && FORM_KEY.test(form._cle) ? `espace:${actor.id}:${form._cle}` : undefined;
    try {
      const response = await deps.engine.createApplication({
        callId: call.id, operatorId: actor.operatorId ?? '', territory, actor, applicant: value, ...(key === undefined ? {} : { idempotencyKey: key }),
      });
      return c.redirect(`/espace/dossiers/${encodeURIComponent(response.instanceId)}?fait=${encodeURIComponent('Candidature déposée')}`, 303);
    } catch (error) {
      const refusal = refusalOf(error, fields);
      return applicationForm(c, deps, userOf(c), { message: refusal.message, errors: refusal.errors, values: { ...value, territoire: territory } }, 409);
    }
  });

  return app;
}

/**
 * What the engine warned of on the last event of a session (a late declaration), shown once on the page the
 * person is sent back to. Kept in memory, bounded: losing one on a restart loses a notice, never a step.
 */
class FlashMessages {
  readonly #messages = new Map<string, string[]>();

  keep(session: string, messages: string[]): void {
    if (this.#messages.size >= 1000) this.#messages.delete(this.#messages.keys().next().value!);
    this.#messages.set(session, messages);
  }

  take(session: string): string[] | undefined {
    const messages = this.#messages.get(session);
    this.#messages.delete(session);
    return messages;
  }
}

function reportLabel(reports: Record<string, { label?: string }> | undefined, id: string | null): string | undefined {
  return id === null || reports === undefined || !Object.hasOwn(reports, id) ? undefined : reports[id]?.label ?? id;
}

function openOn(period: Period, day: PlainDateString): boolean {
  return period.unknown === true ? false : isWithin(day, 'start' in period ? period.start as PlainDateString : undefined, period.end as PlainDateString);
}

/** The agreement and measure kind of a referral form, when the person may see the agreement. */
/** The agreement and measure kind a referral form is for. */
interface ReferralTarget {
  agreement: string;
  measure: string;
  label: string;
  fields: ReturnType<typeof definitionFields>;
  sources: string[];
  /** The territories the agreement serves, and its own (the default). */
  territories: Array<{ id: string; label: string }>;
  territory: string | null;
}

async function referralTarget(c: Context<SigninEnv>, deps: EspaceDeps): Promise<ReferralTarget | undefined> {
  const agreement = c.req.param('agreement') ?? '';
  const measure = c.req.param('measure') ?? '';
  const role = c.var.principal.role;
  if (role !== 'coordinator' && role !== 'departement' && role !== 'operator') return undefined;
  const record = await deps.store.getInstance(agreement);
  if (record === undefined || record.kind !== 'application') return undefined;
  try {
    deps.engine.authorize(actorOf(c.var.principal), record);
  } catch {
    return undefined;
  }
  const compiled = deps.engine.compiled(record.callId);
  const definition = compiled.definition.measures?.[measure];
  if (definition === undefined || !Object.hasOwn(compiled.definition.measures ?? {}, measure)) return undefined;
  const rules = Object.values(definition.beneficiary?.eligibility ?? {}).map((rule) => rule.label);
  // The territories the agreement serves (its window's): the household's own is chosen among them.
  const served = record.territory === null ? [] : [...(compiled.windowFor(record.territory)?.territories ?? [record.territory])];
  return {
    agreement, measure, label: compiled.lifecycle(`measure:${measure}`)?.label ?? measure, fields: definitionFields(definition.beneficiary?.fields), sources: rules,
    territories: served.map((id) => ({ id, label: deps.repository().territories.territories.get(id)?.label ?? id })), territory: record.territory,
  };
}

async function referralForm(c: Context<SigninEnv>, deps: EspaceDeps, user: SignedIn, failed?: { message?: string; errors: ReturnType<typeof readForm>['errors']; values: Record<string, unknown> }, status: 200 | 409 | 422 = 200) {
  const target = await referralTarget(c, deps);
  if (target === undefined) return unseen(c);
  const body = html`<p><a href="/espace/dossiers/${encodeURIComponent(target.agreement)}">← La convention</a></p><h1>Orienter un ménage : ${target.label}</h1>
${failed === undefined ? '' : errorSummary('orientation', failed.message, failed.errors)}
${target.sources.length === 0 ? '' : html`<section><h2>Qui peut être orienté</h2><p>Le ménage doit remplir chacune de ces conditions ; elles sont vérifiées à l'envoi :</p><ul>${target.sources.map((rule) => html`<li>${rule}</li>`)}</ul></section>`}
<section><form method="post" action="/espace/orienter/${encodeURIComponent(target.agreement)}/${encodeURIComponent(target.measure)}">
<input type="hidden" name="_csrf" value="${user.csrf}"><input type="hidden" name="_cle" value="${randomBytes(18).toString('base64url')}">
${target.territories.length <= 1 ? '' : territorySelect('orientation', target.territories, String(failed?.values.territoire ?? target.territory ?? ''), 'Territoire du ménage')}
${renderFields('orientation', target.fields, failed?.values ?? {}, failed?.errors ?? [])}
<button class="primary" type="submit">Orienter le ménage</button></form></section>`;
  return c.html(page({ title: `Orienter un ménage : ${target.label}`, section: 'espace', body, user }), status);
}

/** A territory chosen from a list (`territoire`), with an empty first choice when none is preset. */
function territorySelect(form: string, territories: Array<{ id: string; label: string }>, chosen: string, label: string, empty = false) {
  return html`<div class="field"><label for="${form}--territoire">${label}</label><select id="${form}--territoire" name="territoire">${empty ? html`<option value="">— choisir —</option>` : ''}
${territories.map((t) => html`<option value="${t.id}"${chosen === t.id ? html` selected` : ''}>${t.label}</option>`)}</select></div>`;
}

function preferencesPage(user: SignedIn, person: Person | undefined, saved: boolean, error?: string) {
  const mode = person?.mode ?? 'each';
  const body = html`<p><a href="/espace">← Mon espace</a></p><h1>Mes rappels par courriel</h1>
${saved ? html`<div class="notice" role="status">Votre choix est enregistré.</div>` : ''}
${error === undefined ? '' : html`<div class="error-summary" role="alert" tabindex="-1"><h2>Il y a un problème</h2><ul><li><a href="#mode-each">${error}</a></li></ul></div>`}
<section><p>${person?.email ? html`Les rappels sont envoyés à <strong>${person.email}</strong>, l’adresse que donne votre compte professionnel.` : 'Aucune adresse de courriel n’est connue pour vous : connectez-vous avec votre compte professionnel (OpenID Connect) pour recevoir des rappels.'}</p>
<form method="post" action="/espace/preferences"><input type="hidden" name="_csrf" value="${user.csrf}">
<fieldset class="field"><legend>Comment voulez-vous être prévenu de ce qui arrive à échéance ?</legend>
${REMINDER_MODES.map(([value, label]) => html`<label><input type="radio" id="mode-${value}" name="mode" value="${value}"${mode === value ? html` checked` : ''}> ${label}</label><br>`)}
</fieldset><button class="primary" type="submit">Enregistrer</button></form></section>`;
  return page({ title: 'Mes rappels', section: 'espace', body, user });
}

function accessibilityPage() {
  const body = html`<h1>Déclaration d'accessibilité</h1>
<section><p>Le Département du Pas-de-Calais s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration s'applique aux pages de « dispositifs » : le catalogue des appels, les fiches, l'éditeur et « Mon espace ».</p></section>
<section><h2>État de conformité</h2><p>Les pages visent le référentiel général d'amélioration de l'accessibilité (RGAA 4.1), qui reprend les critères A et AA des WCAG 2.1. Chaque type de page de « Mon espace » (connexion, boîte de travail, formulaires de candidature et d'orientation, page d'un dossier, préférences) est contrôlé automatiquement à chaque version par axe-core dans Chromium, sans aucune non-conformité détectée ; un formulaire est rempli au clavier seul. Aucun audit manuel complet n'a encore été réalisé : la conformité est donc déclarée <strong>partielle</strong>.</p></section>
<section><h2>Contenus non accessibles</h2><ul><li>Les diagrammes des cycles de vie sont des images : les mêmes informations (états, événements possibles, historique) sont données en texte sur la même page.</li><li>L'éditeur de définition s'adresse aux agents qui écrivent le YAML ; son champ de texte reste utilisable au clavier.</li></ul></section>
<section><h2>Retour d'information et contact</h2><p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez le service des politiques sociales du logement et de l'habitat du Département pour être orienté vers une alternative accessible. Si vous n'obtenez pas de réponse rapide, vous pouvez saisir le Défenseur des droits.</p></section>`;
  return page({ title: "Déclaration d'accessibilité", section: 'autre', body });
}

function unseen(c: Context): Response | Promise<Response> {
  return c.html(page({ title: 'Dossier introuvable', section: 'espace', body: html`<h1>Dossier introuvable</h1><section><p>Aucun dossier de ce numéro ne vous est accessible. <a href="/espace">Retour à mon espace</a>.</p></section>` }), 404);
}

function applicationForm(c: Context<SigninEnv>, deps: EspaceDeps, user: SignedIn, failed?: { message?: string; errors: ReturnType<typeof readForm>['errors']; values: Record<string, unknown> }, status: 200 | 409 | 422 = 200) {
  const repository = deps.repository();
  const call = repository.calls.get(c.req.param('call') ?? '');
  if (call === undefined || c.var.principal.role !== 'operator') return unseen(c);
  const fields = definitionFields(call.definition.applicants?.fields);
  const territories = repository.territories.expand(call.definition.territories ?? []);
  const chosen = failed?.values.territoire;
  const body = html`<p><a href="/espace">← Mon espace</a></p><h1>Candidater : ${call.definition.title}</h1>
${failed === undefined ? '' : errorSummary('candidature', failed.message, failed.errors)}
<section><form method="post" action="/espace/candidater/${encodeURIComponent(call.id)}">
<input type="hidden" name="_csrf" value="${user.csrf}"><input type="hidden" name="_cle" value="${randomBytes(18).toString('base64url')}">
${territorySelect('candidature', territories.map((t) => ({ id: t, label: repository.territories.territories.get(t)?.label ?? t })), typeof chosen === 'string' ? chosen : '', 'Territoire', true)}
${renderFields('candidature', fields, failed?.values ?? {}, failed?.errors ?? [])}
<button class="primary" type="submit">Déposer la candidature</button></form></section>`;
  return c.html(page({ title: `Candidater : ${call.definition.title}`, section: 'espace', body, user }), status);
}
