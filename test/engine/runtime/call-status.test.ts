import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildRepository, type Repository } from '../../../engine/definition/index.ts';
import { admitCallAction, createEngine } from '../../../engine/runtime/index.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';
import { openTestStore } from '../../support/test-store.ts';
import { departement, operator, refused } from './support.ts';

const FILES = [
  'definitions/2024/prevention-expulsions-2024.yaml',
  ...(await readdir('definitions/shared', { recursive: true })).filter((n) => n.endsWith('.yaml')).map((n) => `definitions/shared/${n}`),
];
const sources = await Promise.all(FILES.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));

/** The 2024 eviction-prevention call with another status. */
function withStatus(status: 'draft' | 'published' | 'closed'): Repository {
  const all = sources.map((s) =>
    s.file.endsWith('prevention-expulsions-2024.yaml') ? { ...s, text: s.text.replace(/^status: \w+$/m, `status: ${status}`) } : s);
  const repository = buildRepository(all);
  expect(repository.calls.get('prevention-expulsions-2024')?.definition.status).toBe(status);
  return repository;
}

const apply = { callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator('asso-a') };
const referral = (parentId: string) => ({ parentId, measure: 'equipe-mobile', beneficiary: { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true }, actor: operator('asso-a') });

async function engineOn(repository: Repository, statusPolicy?: 'enforce' | 'trial') {
  const store = await openTestStore();
  const engine = createEngine({ store, repository, clock: manualClock(parisInstant('2024-04-15', '12:00')), ...(statusPolicy && { statusPolicy }) });
  return { store, engine };
}

describe('the status of a call, enforced by the engine', () => {
  it('refuses an application to a draft call with a French reason, and changes nothing', async () => {
    const { store, engine } = await engineOn(withStatus('draft'));
    const refusal = await refused(engine.createApplication(apply));
    expect(refusal.code).toBe('appel-brouillon');
    expect(refusal.message).toContain('est un brouillon');
    expect(refusal.message).toContain('status: published');
    expect(await store.countInstances({})).toBe(0);
  });

  it('runs a draft call in trial mode, as scenarios and simulations do', async () => {
    const { engine } = await engineOn(withStatus('draft'), 'trial');
    await expect(engine.createApplication(apply)).resolves.toMatchObject({ state: 'deposee' });
  });

  it('lets what runs under a closed call go on, but takes no new application or referral', async () => {
    const { engine } = await engineOn(withStatus('published'));
    const application = await engine.createApplication(apply);
    await engine.send(application.instanceId, { type: 'retenir', actor: departement });
    await engine.send(application.instanceId, { type: 'signer', payload: { montant: 100000 }, actor: departement });
    const measure = await engine.createMeasure(referral(application.instanceId));

    engine.publish(withStatus('closed'));
    expect((await refused(engine.createApplication(apply))).code).toBe('appel-clos');
    const closed = await refused(engine.createMeasure(referral(application.instanceId)));
    expect(closed.code).toBe('appel-clos');
    expect(closed.message).toContain('vont à leur terme');
    await expect(engine.send(measure.instanceId, { type: 'diagnostic-flash', actor: operator('asso-a') })).resolves.toMatchObject({ version: 2 });

    engine.publish(withStatus('draft'));
    expect((await refused(engine.send(measure.instanceId, { type: 'semaine', actor: operator('asso-a') }))).code).toBe('appel-brouillon');
  });

  it('says which action a draft refuses', () => {
    for (const [action, words] of [['application', 'une candidature'], ['referral', 'une orientation'], ['event', 'un événement']] as const) {
      expect(() => admitCallAction('enforce', { id: 'x', title: 'X', status: 'draft' }, action)).toThrow(words);
    }
    expect(() => admitCallAction('enforce', { id: 'x', title: 'X', status: 'closed' }, 'event')).not.toThrow();
    expect(() => admitCallAction('trial', { id: 'x', title: 'X', status: 'closed' }, 'application')).not.toThrow();
  });
});
