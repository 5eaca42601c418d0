/**
 * Reminders by e-mail through a real SMTP server: a report due under a signed agreement is written to the
 * outbox in the signature's transaction; from 15 days before its day the operator's social worker (signed
 * in through the OpenID Connect provider, which gives her address) gets one e-mail with a link to the
 * report's page, never twice; a mail server that is down is retried later; a person who chose the daily
 * digest gets one e-mail a day from 7 o'clock (Paris) when the deadline has passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type PlainDateString } from '../../../engine/time/index.ts';
import { smtpSender } from '../../../server/reminders/reminder-worker.ts';
import { freePort, startOidcProvider, type TestOidcProvider } from '../../support/oidc-provider.ts';
import { startSmtpServer, type TestSmtpServer } from '../../support/smtp-server.ts';
import { BrowserSession, inputOf } from '../support/browser-session.ts';
import { signInAt, testOidcSettings } from '../support/oidc-signin.ts';
import { startTestServer, TOKENS, type TestServer } from '../support/server.ts';

let api: TestServer;
let provider: TestOidcProvider;
let smtp: TestSmtpServer;
const CALL = 'prevention-expulsions-2024';

beforeAll(async () => {
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/connexion/retour`;
  provider = await startOidcProvider(redirectUri);
  smtp = await startSmtpServer();
  api = await startTestServer(new Date('2024-04-15T10:00:00Z'), {
    port, oidc: testOidcSettings(provider, redirectUri), mailSender: smtpSender(smtp.url, 'dispositifs@pasdecalais.fr'),
  });
});
afterAll(async () => {
  await api?.stop();
  await provider?.stop();
  await smtp?.stop();
});

async function json(method: string, path: string, token: string, body?: unknown): Promise<any> {
  const response = await api.request(method, path, { token, ...(body === undefined ? {} : { json: body }) });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json();
}

describe('reminders by e-mail', () => {
  const worker = new BrowserSession();
  let report = '';
  let sendOn: PlainDateString;
  let dueDate: PlainDateString;

  it('writes the report’s reminder to the outbox in the signature’s step', async () => {
    expect((await signInAt(worker, api.url, 'asso-a-travailleuse')).callback.status).toBe(303);
    const application = (await json('POST', '/applications', TOKENS.operatorA, { call: CALL, territory: 'lens-henin', applicant: { 'agrement-isft': true } })).instanceId;
    await json('POST', `/applications/${application}/events`, TOKENS.departement, { type: 'retenir' });
    api.clock.set(new Date('2024-12-02T10:00:00Z'));
    await json('POST', `/applications/${application}/events`, TOKENS.departement, { type: 'signer', payload: { montant: 100_000 } });
    const reports = await json('GET', `/reports?agreement=${application}`, TOKENS.operatorA);
    report = reports.items[0].id;
    const view = await json('GET', `/reports/${report}`, TOKENS.operatorA);
    dueDate = view.timers[0].dueDate;
    const rows = await api.server.store.db.selectFrom('notifications').selectAll().where('instance_id', '=', report).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'echeance-proche', due_date: dueDate, status: 'pending' });
    sendOn = rows[0]!.send_on as PlainDateString;
    expect(sendOn).toBe(addDays(dueDate, -15));
  });

  it('sends nothing before the day, then one e-mail with the link, and never again', async () => {
    api.clock.set(new Date(`${addDays(sendOn, -1)}T10:00:00Z`));
    await api.server.runDueTimers();
    expect(smtp.received).toHaveLength(0);
    api.clock.set(new Date(`${sendOn}T10:00:00Z`));
    await api.server.runDueTimers();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ts@asso-a.example');
    expect(mail.subject).toContain('Échéance proche');
    expect(mail.text).toContain(`/espace/dossiers/${encodeURIComponent(report)}`);
    await api.server.runDueTimers();
    expect(smtp.received).toHaveLength(1);
  });

  it('retries later when the mail server is down, and delivers once; a digest person gets one e-mail a day', async () => {
    // The worker switches to the daily digest.
    const page = await (await worker.fetch(`${api.url}/espace/preferences`)).text();
    expect((await worker.post(`${api.url}/espace/preferences`, { _csrf: inputOf(page, '_csrf', '/espace/preferences')!, mode: 'daily' })).status).toBe(303);
    // The report's deadline passes: its timer fires, the « échéance dépassée » reminder is written.
    await smtp.stop();
    api.clock.set(new Date(`${addDays(dueDate, 1)}T04:00:00Z`)); // 5 or 6 o'clock in Paris: before the digest hour
    await api.server.runDueTimers();
    const passed = await api.server.store.db.selectFrom('notifications').selectAll().where('instance_id', '=', report).where('kind', '=', 'echeance-depassee').execute();
    expect(passed).toHaveLength(1);
    api.clock.set(new Date(`${addDays(dueDate, 1)}T08:00:00Z`));
    await api.server.runDueTimers(); // the mail server is down: nothing delivered, retried later
    const [pending] = await api.server.store.db.selectFrom('deliveries').selectAll().where('notification_id', '=', passed[0]!.id).execute();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    await smtp.start();
    api.clock.set(new Date(`${addDays(dueDate, 1)}T08:05:00Z`));
    await api.server.runDueTimers();
    await api.server.runDueTimers();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.subject).toContain('Récapitulatif');
    expect(smtp.received[1]!.text).toContain('Échéance dépassée');
  });
});
