import { beforeAll, describe, expect, it } from 'vitest';
import { describeCostBound } from '../../../engine/catalog/index.ts';
import type { ValidationResult } from '../../../server/preview/index.ts';
import { previewFixture } from './fixture.ts';

let fixture: Awaited<ReturnType<typeof previewFixture>>;
beforeAll(async () => {
  fixture = await previewFixture();
});

async function get(path: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fixture.app.request(path);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** The visible text of a page, roughly: tags removed, entities of the escaper decoded. */
function textOf(page: string): string {
  return page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');
}

function validate(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Response> {
  return Promise.resolve(fixture.app.request('/editeur/validation', { method: 'POST', headers, body: JSON.stringify(body) }));
}

describe('the preview pages', () => {
  it('lists every call in the catalog with its year, territories and windows', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('href="/appels/equipes-mobiles-2025"');
    const text = textOf(page.text);
    expect(text).toContain('Catalogue des appels à projets');
    expect(text).toContain('AMI 1, AMI 2');
    expect(text).toContain('AMI 1 et 2 : 01/04/2025–09/05/2025');
    expect(text).toContain('reprend prevention-expulsions-2024');
  });

  it('shows a call sheet: windows, funding, tariffs with worked examples, indicators, contacts, sources', async () => {
    const page = await get('/appels/prevention-expulsions-2024');
    const text = textOf(page.text);
    for (const heading of ['Public', 'Territoires', 'Fenêtres de candidature et conventions', 'Financement', 'Mesures financées et tarifs', 'Bilans et indicateurs', 'Conservation des données', 'Contacts', 'Sources', 'Cycles de vie']) {
      expect(page.text).toMatch(new RegExp(`<h2 id="[a-z]+">${heading}</h2>`));
    }
    expect(text).toContain('AMI 1 (Lens-Hénin, Artois)');
    expect(text).toContain('01/12/2024–30/11/2025');
    expect(text).toContain('avance de 60 % à la signature de la convention, solde sur service fait');
    expect(text).toContain("semaine d'accompagnement : 55,00\u00a0€ par semaine, 8 au plus");
    expect(text).toContain('8 semaines × 55,00\u00a0€ = 440,00\u00a0€ (plafond de 8 semaines atteint : 1 semaine non payable)');
    expect(text).toContain('Nombre de VEJ réalisées');
    expect(text).toContain('dangla.jean.hugues@pasdecalais.fr');
    expect(text).toContain('appels-a-projets-2024.md');
  });

  it('sets the maximum cost the definition allows beside the envelope, on every call sheet', async () => {
    for (const call of fixture.repository.calls.values()) {
      const bound = describeCostBound(call.definition, (ids) => fixture.repository.territories.expand(ids).length);
      const text = textOf((await get(`/appels/${call.id}`)).text);
      expect(text, call.id).toContain(`Coût maximal ${bound.text}`);
      if (bound.cents === null) expect(bound.text).toMatch(/^non borné : ./);
      for (const measure of bound.measures.length > 1 ? bound.measures : []) expect(text, call.id).toContain(`${measure.label} : ${measure.text}`);
    }
  });

  it('inlines one accessible SVG diagram per lifecycle, with links to its DOT and Mermaid text', async () => {
    const page = await get('/appels/prevention-expulsions-2024');
    const svgs = page.text.match(/<svg role="img" aria-label="Diagramme d'états : [^"]+"/g);
    expect(svgs).toHaveLength(4);
    expect(page.text).toContain('id="mesure&#45;em&#45;etat&#45;cloturee" class="node etat final"');
    const dot = await get('/appels/prevention-expulsions-2024/diagrammes/mesure-em.dot');
    expect(dot.type).toContain('text/vnd.graphviz');
    expect(dot.text).toContain('"cloturee" [label="Clôturée"');
    const mermaid = await get('/appels/prevention-expulsions-2024/diagrammes/bilan.mmd');
    expect(mermaid.text).toContain('stateDiagram-v2');
    expect((await get('/appels/prevention-expulsions-2024/diagrammes/inconnu.svg')).status).toBe(404);
  });

  it('says what a call changes in the call it extends', async () => {
    const text = textOf((await get('/appels/equipes-mobiles-2025/differences')).text);
    expect(text).toContain('Ce qui change de 2024 à 2025');
    expect(text).toContain('fenêtre ami : 01/04/2024–31/05/2024 → 01/04/2025–09/05/2025');
    expect(text).toContain('mesure vej : retirée');
    expect(text).toContain("tarif « semaine d'accompagnement » : inchangé");
    expect(text).not.toContain('à lire dans le YAML');
    const orphan = textOf((await get('/appels/prevention-expulsions-2024/differences')).text);
    expect(orphan).toContain('ne reprend aucun autre appel');
  });

  it('answers an unknown call with a French 404 page', async () => {
    const page = await get('/appels/appel-inconnu');
    expect(page.status).toBe(404);
    expect(textOf(page.text)).toContain('Aucun appel chargé ne porte l\'identifiant « appel-inconnu »');
  });

  it('serves its own style sheet and script, and no page points outside the project', async () => {
    expect((await get('/ressources/apercu.css')).type).toContain('text/css');
    expect((await get('/ressources/editeur.js')).type).toContain('text/javascript');
    for (const path of ['/', '/appels/prevention-expulsions-2024', '/appels/equipes-mobiles-2025/differences', '/editeur']) {
      const page = (await get(path)).text;
      const external = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!).filter((url) => !url.startsWith('/') && !url.startsWith('#') && !url.startsWith('mailto:'));
      expect(external, path).toEqual([]);
    }
  });

  it('opens the editor on a call’s YAML text, already validated and drawn', async () => {
    const page = await get('/editeur?appel=equipes-mobiles-2025');
    expect(page.text).toContain('data-file="');
    expect(page.text).toContain('equipes-mobiles-2025.yaml"');
    expect(page.text).toContain('extends: prevention-expulsions-2024');
    expect(page.text).toContain('data-state="valid"');
    expect(page.text).toContain('src="/ressources/editeur.js"');
    expect(page.text.match(/<figure class="diagram"/g)).toHaveLength(3);
  });
});

describe('the editor validation endpoint', () => {
  it('lists the findings of a broken text with their lines, and no diagram', async () => {
    const { repository } = fixture;
    const call = repository.calls.get('equipes-mobiles-2025')!;
    const text = repository.sources.get(call.file)!.replace('status: published', 'status: publie');
    const response = await validate({ text, file: call.file });
    expect(response.status).toBe(200);
    const result = (await response.json()) as ValidationResult;
    expect(result.valid).toBe(false);
    const line = text.split('\n').findIndex((row) => row.startsWith('status:')) + 1;
    expect(result.findings.map((finding) => [finding.severity, finding.line])).toContainEqual(['error', line]);
    expect(result.diagrams).toBeUndefined();
  });

  it('returns the diagrams of a valid call', async () => {
    const { repository } = fixture;
    const call = repository.calls.get('prevention-expulsions-2024')!;
    const text = repository.sources.get(call.file)!.replace('label: Clôturée', 'label: Intervention terminée');
    const result = (await (await validate({ text, file: call.file })).json()) as ValidationResult;
    expect(result).toMatchObject({ valid: true, call: { id: 'prevention-expulsions-2024' } });
    expect(result.diagrams!.map((diagram) => diagram.key)).toEqual(['application', 'measure:em', 'measure:vej', 'report']);
    expect(result.diagrams![1]!.svg).toContain('Intervention terminée');
  });

  it('refuses what is not a JSON text, and file names that climb out of the folder', async () => {
    const notJson = await fixture.app.request('/editeur/validation', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'kind: call' });
    expect(notJson.status).toBe(415);
    expect(notJson.headers.get('content-type')).toContain('application/problem+json');
    expect((await validate({ yaml: 'kind: call' })).status).toBe(400);
    expect((await validate({ text: 'kind: call', file: '../secret.yaml' })).status).toBe(400);
    const huge = await validate({ text: 'x'.repeat(600 * 1024) });
    expect(huge.status).toBe(413);
  });
});
