/**
 * The preview web app, mounted by the server at `/`: the catalog of calls, a page per call (sheet and
 * diagrams), the diff with the call it extends, and the live editor (`editor-routes.ts`). Server-rendered
 * French HTML; every asset (style sheet, the editor's bundled script) is served from here, none from elsewhere.
 */
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { callMachines, drawMachine, machineSlug } from '../../engine/diagram/index.ts';
import type { Repository } from '../../engine/definition/index.ts';
import { diffCalls } from '../../engine/diff/index.ts';
import { ApiProblem, problemResponse } from '../problem.ts';
import { callPage } from './call-page.ts';
import { catalogPage } from './catalog-page.ts';
import { DiagramCache } from './diagram-cache.ts';
import { diffPage } from './diff-page.ts';
import { editorBundle } from './editor-bundle.ts';
import { editorRoutes, type EditorRouteDeps } from './editor-routes.ts';
import { territoryLabel } from './labels.ts';
import { ASSETS, page } from './layout.ts';
import type { TextValidator } from '../validation/validation-pool.ts';

/** What the preview reads: the loaded definitions and the validator of one text. */
export interface PreviewDeps {
  /** The loaded definitions (a function, so that a reload is seen by every page). */
  repository: () => Repository;
  /** Validates a text off the server thread (`ValidationPool.validate`). */
  validate: TextValidator;
  /** The editor's « Voir l'effet sur l'activité enregistrée », when the server has a database. */
  impact?: EditorRouteDeps['impact'];
}

const ASSET_FILES: Record<string, string> = {
  'apercu.css': 'text/css; charset=utf-8',
};
const assetTexts = new Map(Object.keys(ASSET_FILES).map((name) => [name, readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8')]));

/**
 * Builds the preview app.
 * @example
 * app.route('/', createPreviewApp({ repository: () => repository, validate: pool.validate }));
 */
export function createPreviewApp(deps: PreviewDeps): Hono {
  const app = new Hono();
  const diagrams = new DiagramCache();
  app.onError((error, c) => {
    if (error instanceof ApiProblem) return problemResponse(c, error);
    throw error; // the mounting app's handler logs it and answers a 500 problem
  });

  app.get(`${ASSETS}/:name`, async (c) => {
    const name = c.req.param('name');
    if (name === 'editeur.js') return c.body(await editorBundle(), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' });
    const text = assetTexts.get(name);
    if (text === undefined) return c.notFound();
    return c.body(text, 200, { 'content-type': ASSET_FILES[name]!, 'cache-control': 'public, max-age=300' });
  });

  app.get('/', (c) => c.html(catalogPage(deps.repository())));

  app.get('/appels/:id', async (c) => {
    const repository = deps.repository();
    const call = repository.calls.get(c.req.param('id'));
    if (call === undefined) return unknownCall(c, c.req.param('id'));
    return c.html(callPage(repository, call, await diagrams.svgs(call)));
  });

  app.get('/appels/:id/differences', (c) => {
    const repository = deps.repository();
    const call = repository.calls.get(c.req.param('id'));
    if (call === undefined) return unknownCall(c, c.req.param('id'));
    const parent = call.parents[0] === undefined ? undefined : repository.calls.get(call.parents[0]);
    if (parent === undefined) {
      return c.html(page({ title: 'Différences', section: 'autre', body: html`<h1>Différences</h1><section><p>L'appel <a href="/appels/${call.id}">${call.id}</a> ne reprend aucun autre appel (pas de clé <code>extends</code>) : il n'y a rien à comparer.</p></section>` }));
    }
    return c.html(diffPage(diffCalls(parent.definition, call.definition, { territoryLabel: (id) => territoryLabel(repository, id) })));
  });

  app.get('/appels/:id/diagrammes/:file', async (c) => {
    const call = deps.repository().calls.get(c.req.param('id'));
    if (call === undefined) return unknownCall(c, c.req.param('id'));
    const match = /^([a-z0-9-]+)\.(svg|dot|mmd)$/.exec(c.req.param('file'));
    const machine = callMachines(call.definition).find((candidate) => match !== null && machineSlug(candidate.key) === match[1]);
    if (match === null || machine === undefined) return c.notFound();
    const format = ({ svg: 'svg', dot: 'dot', mmd: 'mermaid' } as const)[match[2] as 'svg' | 'dot' | 'mmd'];
    const drawn = await drawMachine(machine, { format });
    const type = { svg: 'image/svg+xml', dot: 'text/vnd.graphviz', mermaid: 'text/plain' }[format];
    return c.body(drawn.text, 200, { 'content-type': `${type}; charset=utf-8` });
  });

  app.route('/editeur', editorRoutes({ repository: deps.repository, validate: deps.validate, unknownCall, ...(deps.impact !== undefined && { impact: deps.impact }) }));

  return app;
}

function unknownCall(c: Context, id: string): Response | Promise<Response> {
  const body = html`<h1>Appel introuvable</h1><section><p>Aucun appel chargé ne porte l'identifiant « ${id} ». Il est peut-être en erreur : le <a href="/">catalogue</a> liste les appels et les définitions en erreur.</p></section>`;
  return c.html(page({ title: 'Appel introuvable', section: 'autre', body }), 404);
}
