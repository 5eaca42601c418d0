/**
 * A whole year of the 2024 eviction-prevention call, driven only through the HTTP API (real socket): an
 * operator applies, is selected, signs and receives its advance; a coordinator refers a household; weeks
 * of support; the final report; the balance. A second operator is late with its report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TOKENS, type TestServer } from './support/server.ts';

let api: TestServer;
const CALL = 'prevention-expulsions-2024';

/** Moves the clock to noon (Paris) of a calendar day. */
function on(day: string): void {
  api.clock.set(new Date(`${day}T10:00:00Z`));
}

async function call(method: string, path: string, token: string, json?: unknown, status = 200): Promise<any> {
  const response = await api.request(method, path, { token, ...(json === undefined ? {} : { json }) });
  const text = await response.text();
  expect(response.status, `${method} ${path} → ${text}`).toBe(status);
  return JSON.parse(text);
}

const send = (path: string, token: string, type: string, payload?: Record<string, unknown>, status = 200) =>
  call('POST', `${path}/events`, token, payload === undefined ? { type } : { type, payload }, status);

beforeAll(async () => {
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'));
});
afterAll(() => api.stop());

describe('a year of prevention-expulsions-2024 through the API', () => {
  let agreementA = '';
  let agreementB = '';
  let household = '';

  it('takes applications inside the window only', async () => {
    on('2024-04-15');
    const a = await call('POST', '/applications', TOKENS.operatorA, { call: CALL, territory: 'lens-henin', applicant: { 'agrement-isft': true } }, 201);
    expect(a).toMatchObject({ state: 'deposee', version: 1, date: '2024-04-15' });
    agreementA = a.instanceId;
    on('2024-05-31'); // the last day is included
    const b = await call('POST', '/applications', TOKENS.operatorB, { call: CALL, territory: 'boulonnais', applicant: { 'siao-62': true } }, 201);
    agreementB = b.instanceId;
    on('2024-06-01');
    const late = await call('POST', '/applications', TOKENS.operatorB, { call: CALL, territory: 'boulonnais', applicant: { 'siao-62': true } }, 409);
    expect(late).toMatchObject({ code: 'hors-fenetre' });
  });

  it('selects and signs the agreements; the advance becomes due and is paid', async () => {
    on('2024-06-10');
    for (const id of [agreementA, agreementB]) expect(await send(`/applications/${id}`, TOKENS.departement, 'retenir')).toMatchObject({ state: 'retenue' });
    on('2024-12-02');
    await send(`/applications/${agreementA}`, TOKENS.departement, 'signer', { montant: 100_000 });
    await send(`/applications/${agreementB}`, TOKENS.departement, 'signer', { montant: 50_000 });
    const signed = await call('GET', `/agreements/${agreementA}`, TOKENS.operatorA);
    expect(signed.agreement.state).toMatchObject({ id: 'conventionnee' });
    expect(signed.ledger).toMatchObject({ agreed: 100_000, advance: 60_000, due: 60_000, paid: 0, remaining: 60_000 });
    expect(signed.schedule).toEqual([expect.objectContaining({ kind: 'advance', amountCents: 60_000 })]);

    on('2024-12-05');
    await send(`/applications/${agreementA}`, TOKENS.departement, 'verser', { montant: 60_000 });
    const { ledger, schedule } = await call('GET', `/agreements/${agreementA}/ledger`, TOKENS.departement);
    expect(ledger).toMatchObject({ paid: 60_000, remaining: 0 });
    expect(schedule.map((row: { kind: string }) => row.kind)).toEqual(['advance', 'paid']);
    const agreements = await call('GET', `/agreements?call=${CALL}`, TOKENS.departement);
    expect(agreements.items.map((item: { id: string }) => item.id).sort()).toEqual([agreementA, agreementB].sort());
  });

  it('lets the coordinator refer an eligible household only', async () => {
    on('2024-12-09');
    const refused = await call(
      'POST',
      '/measures',
      TOKENS.coordinatorLens,
      { agreement: agreementA, measure: 'equipe-mobile', beneficiary: { parc: 'social', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true } },
      422,
    );
    expect(refused).toMatchObject({ code: 'non-eligible', errors: [{ path: '/beneficiary', code: 'locataire-parc-prive' }] });
    const referred = await call(
      'POST',
      '/measures',
      TOKENS.coordinatorLens,
      { agreement: agreementA, measure: 'equipe-mobile', beneficiary: { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true, 'montant-dette': 250_000 } },
      201,
    );
    household = referred.instanceId;
    const view = await call('GET', `/measures/${household}`, TOKENS.operatorA);
    expect(view.state.id).toBe('reperee');
    expect(view.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['diagnostic-flash', 'diagnostic-approfondi', 'sans-suite']);
  });

  it('counts the diagnostics and every week of support, a 9th recorded but not paid beyond the cap of 8', async () => {
    on('2024-12-10');
    await send(`/measures/${household}`, TOKENS.operatorA, 'diagnostic-flash');
    on('2024-12-17');
    await send(`/measures/${household}`, TOKENS.operatorA, 'diagnostic-approfondi');
    let day = new Date('2024-12-24T10:00:00Z');
    for (let week = 1; week <= 8; week++) {
      api.clock.set(day);
      expect(await send(`/measures/${household}`, TOKENS.operatorA, 'semaine')).toMatchObject({ state: 'accompagnement' });
      day = new Date(day.getTime() + 7 * 86_400_000);
    }
    api.clock.set(day);
    const ninth = await send(`/measures/${household}`, TOKENS.operatorA, 'semaine');
    expect(ninth).toMatchObject({ state: 'accompagnement' });
    await send(`/measures/${household}`, TOKENS.operatorA, 'contact-bailleur');
    const done = await send(`/measures/${household}`, TOKENS.operatorA, 'terminer', { issue: 'maintien' });
    expect(done).toMatchObject({ state: 'terminee', final: true });
    const measure = await call('GET', `/measures/${household}`, TOKENS.coordinatorLens);
    expect(measure.acts).toMatchObject({ 'diagnostic-flash': { quantity: 1 }, 'diagnostic-approfondi': { quantity: 1 }, semaine: { quantity: 9 } });
    expect(measure.allowedEvents).toEqual([]);
    const history = await call('GET', `/measures/${household}/history?limit=5`, TOKENS.operatorA);
    expect(history.items.map((e: { type: string }) => e.type)).toEqual(['@creation', 'diagnostic-flash', 'diagnostic-approfondi', 'semaine', 'semaine']);
    expect(history.nextCursor).not.toBeNull();
    const rest = await call('GET', `/measures/${household}/history?limit=50&cursor=${history.nextCursor}`, TOKENS.operatorA);
    expect(rest.items).toHaveLength(9);
    expect(rest.items.at(-1).type).toBe('terminer');
  });

  it('accepts the final report as service fait: the balance is the activity less the advance, to the cent', async () => {
    const reports = await call('GET', `/reports?agreement=${agreementA}`, TOKENS.operatorA);
    expect(reports.items).toHaveLength(1);
    const report = reports.items[0].id as string;
    const due = await call('GET', `/reports/${report}`, TOKENS.operatorA);
    expect(due).toMatchObject({ state: { id: 'attendu' }, data: { rapport: 'bilan-final', nature: 'final', echeance: '2026-05-30' } });
    on('2025-12-15');
    await send(`/reports/${report}`, TOKENS.operatorA, 'deposer');
    const forbidden = await send(`/reports/${report}`, TOKENS.operatorA, 'accepter', undefined, 403);
    expect(forbidden.code).toBe('role-non-autorise');
    on('2026-01-12');
    expect(await send(`/reports/${report}`, TOKENS.departement, 'accepter')).toMatchObject({ state: 'accepte', final: true });

    const { ledger } = await call('GET', `/agreements/${agreementA}/ledger`, TOKENS.departement);
    // 150 € + 370 € + 8 × 55 € = 960 €, within the 1 000 € agreed; 600 € already advanced.
    expect(ledger).toMatchObject({ earned: 96_000, retained: 96_000, advance: 60_000, balance: 36_000, due: 96_000, paid: 60_000, remaining: 36_000 });
    expect(ledger.lines.map((line: { text: string }) => line.text).join('\n')).toContain('Solde sur service fait');

    await send(`/applications/${agreementA}`, TOKENS.departement, 'solder', { montant: 36_000 });
    const closed = await call('GET', `/agreements/${agreementA}`, TOKENS.departement);
    expect(closed.agreement.state).toMatchObject({ id: 'soldee', final: true });
    expect(closed.ledger).toMatchObject({ due: 96_000, paid: 96_000, remaining: 0 });
  });

  it('pages the ledger\'s rows: the first with the sums, the next ones through the Link header, every row once, the earned ones adding up', async () => {
    const first = await api.request('GET', `/agreements/${agreementA}/ledger?limit=3`, { token: TOKENS.departement });
    const body = await first.json() as { ledger: { earned: number }; rows: Array<{ id: number; kind: string; amountCents: number }>; schedule: unknown[]; nextCursor: string | null };
    expect(body.rows).toHaveLength(3);
    const rows = [...body.rows];
    let link = first.headers.get('link');
    while (link !== null) {
      const path = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
      expect(path).toMatch(new RegExp(`^/agreements/${agreementA}/ledger/rows\\?`));
      const next = await api.request('GET', path!, { token: TOKENS.departement });
      const page = await next.json() as { items: typeof rows; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(3);
      rows.push(...page.items);
      link = next.headers.get('link');
      if (link === null) expect(page.nextCursor).toBeNull();
    }
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(rows.filter((r) => r.kind === 'earned').reduce((sum, r) => sum + r.amountCents, 0)).toBe(body.ledger.earned);
    expect(body.schedule).toHaveLength(rows.filter((r) => ['advance', 'balance', 'paid'].includes(r.kind)).length);
    const bad = await api.request('GET', `/agreements/${agreementA}/ledger/rows?cursor=AAAA`, { token: TOKENS.departement });
    // As a bad cursor of any list: refused, in French, nothing read.
    expect([bad.status, ((await bad.json()) as { detail: string }).detail]).toEqual([422, expect.stringContaining('curseur')]);
  });

  it('fires the report deadline of the operator that never reported, once', async () => {
    const reports = await call('GET', `/reports?agreement=${agreementB}`, TOKENS.departement);
    const report = reports.items[0].id as string;
    on('2026-05-30');
    await api.server.runDueTimers();
    expect((await call('GET', `/reports/${report}`, TOKENS.operatorB)).state.id).toBe('attendu');
    on('2026-06-01');
    await api.server.runDueTimers();
    await api.server.runDueTimers();
    const late = await call('GET', `/reports/${report}`, TOKENS.operatorB);
    expect(late.state.id).toBe('en-retard');
    const history = await call('GET', `/reports/${report}/history`, TOKENS.operatorB);
    expect(history.items.filter((e: { type: string }) => e.type === 'echeance-depassee')).toHaveLength(1);
    expect(history.items.at(-1).actor.role).toBe('system');
  });
});
