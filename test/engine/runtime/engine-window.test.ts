import { describe, expect, it } from 'vitest';
import { departement, operator, REAL, refused, testEngine } from './support.ts';

const apply = (territory = 'lens-henin', applicant: Record<string, unknown> = { 'agrement-isft': true }) => ({
  callId: 'prevention-expulsions-2024', operatorId: 'asso-a', territory, applicant, actor: operator('asso-a'),
});

describe('applications and their window', () => {
  it('accepts an application on the last day of the window, until midnight in Paris', async () => {
    const t = await testEngine(REAL, '2024-05-31');
    t.clock.set(new Date('2024-05-31T21:59:00Z')); // 23:59 in Paris (summer time)
    const created = await t.engine.createApplication(apply());
    expect(created).toMatchObject({ version: 1, state: 'deposee', stateLabel: 'Candidature déposée', date: '2024-05-31' });
  });

  it('refuses an application the day after the window closes, and the day before it opens', async () => {
    const t = await testEngine(REAL, '2024-06-01');
    t.clock.set(new Date('2024-05-31T22:00:00Z'), { allowBackwards: true }); // 00:00 on 1 June in Paris
    const late = await refused(t.engine.createApplication(apply()));
    expect(late.code).toBe('hors-fenetre');
    expect(late.message).toContain('du 01/04/2024 au 31/05/2024 inclus');
    t.clock.set(new Date('2024-03-31T21:59:00Z'), { allowBackwards: true }); // 23:59 on 31 March in Paris
    expect((await refused(t.engine.createApplication(apply()))).code).toBe('hors-fenetre');
    expect(await t.store.countInstances({})).toBe(0);
  });

  it('refuses a territory the call does not cover, and an applicant who is not eligible', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    expect((await refused(t.engine.createApplication(apply('ternois')))).code).toBe('hors-fenetre');
    const ineligible = await refused(t.engine.createApplication(apply('lens-henin', { 'agrement-isft': false })));
    expect(ineligible.code).toBe('non-eligible');
    expect(ineligible.message).toContain('agréé au titre de l\'ingénierie sociale');
  });

  it('lets an operator apply only for its own organisation', async () => {
    const t = await testEngine(REAL, '2024-04-15');
    const other = await refused(t.engine.createApplication({ ...apply(), actor: operator('asso-b') }));
    expect(other.code).toBe('hors-perimetre');
    await expect(t.engine.createApplication({ ...apply(), actor: departement })).resolves.toMatchObject({ state: 'deposee' });
  });

  it('keeps a window with only a deadline open until that day: the 2019 ASRL call (closed since, replayed in trial) from its first known day', async () => {
    const asrl = (territory: string) => ({
      callId: 'asrl-2019', operatorId: 'asso-a', territory, actor: operator('asso-a'),
      applicant: { 'structure-type-chrs': true, 'partenariat-local-pluriel': true },
    });
    const t = await testEngine(REAL, '2018-11-05', { statusPolicy: 'trial' });
    await expect(t.engine.createApplication(asrl('artois'))).resolves.toMatchObject({ state: 'deposee', date: '2018-11-05' });
    await t.on('2019-09-06', '23:59');
    await expect(t.engine.createApplication(asrl('lens-henin'))).resolves.toMatchObject({ state: 'deposee' });
    await t.on('2019-09-07', '00:00');
    const late = await refused(t.engine.createApplication(asrl('lens-henin')));
    expect(late.code).toBe('hors-fenetre');
    expect(late.message).toContain("ouverte jusqu'au 06/09/2019 inclus");
    expect(late.details).toEqual({ window: 'bassin-minier', date: '2019-09-07', end: '2019-09-06' });
  });

  it('uses the window of the territory group: a 2025 application from an AMI 2 territory', async () => {
    const t = await testEngine(REAL, '2025-05-09');
    const created = await t.engine.createApplication({ ...apply('boulonnais'), callId: 'equipes-mobiles-2025' });
    expect(created.state).toBe('deposee');
    await t.on('2025-05-10');
    expect((await refused(t.engine.createApplication({ ...apply('boulonnais'), callId: 'equipes-mobiles-2025' }))).code).toBe('hors-fenetre');
  });
});
