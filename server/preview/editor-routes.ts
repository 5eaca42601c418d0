/**
 * The live editor's routes: the page (`GET /editeur`, opened on a call), the page again with the findings of a
 * text sent by its form (`POST /editeur`, the no-script path), the JSON validation the script calls as one
 * types (`POST /editeur/validation`) and the text typed given back as a file (`POST /editeur/telechargement`).
 * Every editor page is served under a Content-Security-Policy that allows this server only.
 */
import { randomBytes } from 'node:crypto';
import { Hono, type Context, type Env } from 'hono';
import { getCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { renderImpactText } from '../../engine/impact/index.ts';
import type { ImpactRunner } from '../impact-runner.ts';
import { requireCsrf, requireSession, SESSION_COOKIE, type SigninEnv } from '../signin/session-auth.ts';
import type { SessionStore } from '../signin/sessions.ts';
import { page } from './layout.ts';
import type { Repository, ResolvedCall } from '../../engine/definition/index.ts';
import type { DrawnMachine } from '../../engine/diagram/index.ts';
import { isObject, limitBody, readJson } from '../body.ts';
import { httpProblem } from '../problem.ts';
import { editorPage, type EditorState } from './editor-page.ts';
import type { TextValidator } from '../validation/validation-pool.ts';
import { DRAFT_FILE, isEditorFile, validateForEditor } from './validation.ts';

/**
 * What an editor page allows itself: this server's scripts, styles, requests and forms, and the style
 * elements CodeMirror writes, which carry the page's nonce (a fresh one per answer); nothing else.
 */
export function editorCsp(nonce: string): string {
  return `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}

/** Largest YAML text the editor validates or gives back (a call is a few dozen Kio). */
export const EDITOR_BODY_LIMIT = 512 * 1024;

/** What the editor routes read. */
export interface EditorRouteDeps {
  repository: () => Repository;
  /** Validates a text off the server thread (`ValidationPool.validate`), diagrams included. */
  validate: TextValidator;
  /** The answer for an unknown call id (the preview's own page). */
  unknownCall: (c: Context, id: string) => Response | Promise<Response>;
  /**
   * The impact of the text on the recorded activity (when the server has a database): the server's shared
   * runner, and the sessions that say who is a signed-in agent of the Département.
   */
  impact?: { run: ImpactRunner; sessions: SessionStore };
}

/**
 * The editor routes, to mount at `/editeur`.
 * @example
 * app.route('/editeur', editorRoutes({ repository, validate, unknownCall }));
 */
export function editorRoutes(deps: EditorRouteDeps): Hono {
  const app = new Hono();

  // Household ids and amounts are the Département's: the impact is shown to its signed-in agents only.
  const impactAccess = async (c: Context): Promise<EditorState['impact']> => {
    if (deps.impact === undefined) return undefined;
    const session = await deps.impact.sessions.find(getCookie(c, SESSION_COOKIE));
    return session?.principal.role === 'departement' ? { kind: 'allowed', csrf: session.csrf } : { kind: 'sign-in' };
  };

  const render = async (c: Context, text: string, file: string, call: ResolvedCall | undefined): Promise<Response> => {
    const repository = deps.repository();
    const result = await validateForEditor(text, file, repository, deps.validate);
    const machines: DrawnMachine[] = (result.diagrams ?? []).map((diagram) => ({ key: diagram.key as DrawnMachine['key'], title: diagram.title, format: 'svg', text: diagram.svg }));
    const nonce = randomBytes(16).toString('base64');
    c.header('content-security-policy', editorCsp(nonce));
    const impact = await impactAccess(c);
    return c.html(editorPage(repository, { callId: call?.id, file, text, result, machines, nonce, ...(impact !== undefined && { impact }) }));
  };

  app.get('/', async (c) => {
    const repository = deps.repository();
    const asked = c.req.query('appel');
    const call = asked === undefined ? newestCall(repository) : repository.calls.get(asked);
    if (asked !== undefined && call === undefined) return deps.unknownCall(c, asked);
    const text = (call === undefined ? undefined : repository.sources.get(call.file)) ?? 'kind: call\n';
    return render(c, text, call?.file ?? DRAFT_FILE, call);
  });

  app.post('/', limitBody(EDITOR_BODY_LIMIT), async (c) => {
    const form = await readForm(c);
    const call = form.appel === undefined ? undefined : deps.repository().calls.get(form.appel);
    return render(c, form.text, checkedFile(deps.repository(), form.file), call);
  });

  app.post('/validation', limitBody(EDITOR_BODY_LIMIT), async (c) => {
    const body = await readJson(c);
    if (!isObject(body) || typeof body.text !== 'string') {
      throw httpProblem('requete-invalide', 'Envoyez un objet JSON { "text": "<définition YAML>", "file": "<nom du fichier>" }.');
    }
    const file = checkedFile(deps.repository(), typeof body.file === 'string' ? body.file : undefined);
    return c.json(await validateForEditor(body.text, file, deps.repository(), deps.validate));
  });

  app.post('/telechargement', limitBody(EDITOR_BODY_LIMIT), async (c) => {
    const form = await readForm(c);
    const name = (checkedFile(deps.repository(), form.file).split('/').pop() ?? DRAFT_FILE).replace(/[^\w.-]/g, '_');
    return c.body(form.text, 200, {
      'content-type': 'application/yaml; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  });

  if (deps.impact !== undefined) {
    const { run, sessions } = deps.impact;
    const signedIn = new Hono<SigninEnv>();
    signedIn.use('/', limitBody(EDITOR_BODY_LIMIT), requireSession(sessions), requireCsrf());
    signedIn.post('/', async (c) => {
      if (c.var.principal.role !== 'departement') return c.text("L'effet d'un texte sur l'activité enregistrée est réservé aux agents du Département.", 403);
      const form = await readForm(c);
      const call = form.appel === undefined ? undefined : deps.repository().calls.get(form.appel);
      if (call === undefined) throw httpProblem('requete-invalide', "Ouvrez dans l'éditeur l'appel dont l'activité doit être rejouée (champ « appel »).");
      const report = await run(call.id, form.text);
      c.header('content-security-policy', editorCsp(randomBytes(16).toString('base64')));
      return c.html(page({
        title: `Effet sur l'activité de ${call.id}`,
        section: 'editeur',
        body: html`<h1>Effet du texte sur l'activité enregistrée de ${call.id}</h1>
<p class="muted">Rejoué en mémoire : rien n'a été écrit. <a href="/editeur?appel=${call.id}">Revenir à l'éditeur</a> (le texte envoyé n'y est pas conservé : téléchargez-le d'abord).</p>
<pre id="impact">${renderImpactText(report)}</pre>`,
      }));
    });
    app.route('/impact', signedIn as unknown as Hono);
  }

  return app;
}

/** The editor's form fields: the text (line breaks as the file has them), the file name, the call. */
async function readForm<E extends Env>(c: Context<E>): Promise<{ text: string; file: string | undefined; appel: string | undefined }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw httpProblem('type-de-contenu-non-supporte', `Ce point d’accès attend le formulaire de l’éditeur, reçu « ${type || 'aucun'} ».`);
  }
  const body = await c.req.parseBody();
  const field = (name: string): string | undefined => (typeof body[name] === 'string' ? body[name] : undefined);
  const text = field('yaml');
  if (text === undefined) throw httpProblem('requete-invalide', 'Le formulaire doit contenir le champ « yaml » (le texte de la définition).');
  // A browser sends a textarea's line breaks as CRLF: the file keeps the editor's.
  return { text: text.replace(/\r\n?/g, '\n'), file: field('file'), appel: field('appel') };
}

/** The file name a text is validated under: a loaded definition's, or a plain relative path. */
function checkedFile(repository: Repository, file: string | undefined): string {
  if (file === undefined || file === '') return DRAFT_FILE;
  if (!repository.files.includes(file) && !isEditorFile(file)) {
    throw httpProblem('requete-invalide', 'Le nom de fichier doit être celui d’une définition chargée ou un chemin relatif simple (lettres, chiffres, . / - _).');
  }
  return file;
}

function newestCall(repository: Repository): ResolvedCall | undefined {
  return [...repository.calls.values()].sort((a, b) => b.definition.year - a.definition.year || a.id.localeCompare(b.id))[0];
}
