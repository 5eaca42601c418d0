import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderImpactText } from '../../../engine/impact/index.ts';
import { impactRunner } from '../../../server/impact-runner.ts';
import { createPreviewApp } from '../../../server/preview/index.ts';
import { SESSION_COOKIE } from '../../../server/signin/session-auth.ts';
import { DatabaseSessions } from '../../../server/signin/database-sessions.ts';
import { loadTokenRegistry } from '../../../server/tokens.ts';
import { ValidationPool } from '../../../server/validation/validation-pool.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear, type MobileTeamsYear } from '../../engine/impact/mobile-teams-activity.ts';
import { TOKENS } from '../support/server.ts';

const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The editor's « Voir l'effet sur l'activité enregistrée » over a recorded year of equipes-mobiles-2025.
describe('the preview editor shows the impact of the text being edited', () => {
  let year: MobileTeamsYear;
  let app: ReturnType<typeof createPreviewApp>;
  let departement: { id: string; csrf: string };
  let operator: { id: string; csrf: string };

  beforeAll(async () => {
    year = await recordMobileTeamsYear({ households: 2 });
    const tokens = (await loadTokenRegistry('config/tokens.demo.yaml')).registry;
    const sessions = new DatabaseSessions(year.store.db);
    departement = await sessions.open(tokens.find(TOKENS.departement)!);
    operator = await sessions.open(tokens.find(TOKENS.operatorA)!);
    const run = impactRunner({ store: year.store, repository: () => year.repository, maxEvents: 500 });
    app = createPreviewApp({ repository: () => year.repository, validate: new ValidationPool().validate, impact: { run, sessions } });
  });
  afterAll(() => year.store.close());

  const callText = () => readFileSync(year.repository.calls.get(MOBILE_TEAMS)!.file, 'utf8');
  const editor = async (session?: { id: string }) => (await app.request(`/editeur?appel=${MOBILE_TEAMS}`, { headers: session ? { cookie: `${SESSION_COOKIE}=${session.id}` } : {} })).text();
  const post = (session: { id: string } | undefined, fields: Record<string, string>) =>
    app.request('/editeur/impact', {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(session && { cookie: `${SESSION_COOKIE}=${session.id}` }) },
    });

  it("offers the button to a Département session only, and a sign-in link to anyone else", async () => {
    const anonymous = await editor();
    expect(anonymous).not.toContain('formaction="/editeur/impact"');
    expect(anonymous).toContain('id="impact-connexion"');
    expect(anonymous).not.toContain(departement.csrf);
    expect(await editor(operator)).not.toContain('formaction="/editeur/impact"');
    const signedIn = await editor(departement);
    expect(signedIn).toContain('formaction="/editeur/impact"');
    expect(signedIn).toContain(`name="_csrf" value="${departement.csrf}"`);
  });

  it('refuses a visitor without a session, another role, and a form without the session token, replaying nothing', async () => {
    const fields = { yaml: callText(), appel: MOBILE_TEAMS };
    expect((await post(undefined, { ...fields, _csrf: departement.csrf })).status).toBe(401);
    expect((await post(operator, { ...fields, _csrf: operator.csrf })).status).toBe(403);
    expect((await post(departement, { ...fields, _csrf: 'faux' })).status).toBe(403);
  });

  it('renders the same French summary as the API for the edited text', async () => {
    const candidate = callText();
    const response = await post(departement, { yaml: candidate, appel: MOBILE_TEAMS, _csrf: departement.csrf });
    expect(response.status).toBe(200);
    const page = decode(await response.text());
    const expected = renderImpactText(await impactRunner({ store: year.store, repository: () => year.repository })(MOBILE_TEAMS, candidate));
    expect(page).toContain(expected.trimEnd());
  });

  it('refuses an invalid text with a problem, and a text without a call to replay', async () => {
    const invalid = await post(departement, { yaml: 'kind: call\nyear: deux\n', appel: MOBILE_TEAMS, _csrf: departement.csrf });
    expect(invalid.status).toBe(422);
    expect((await post(departement, { yaml: callText(), _csrf: departement.csrf })).status).toBe(400);
  });
});
