import { describe, expect, it } from 'vitest';
import { computeQuotas } from '../../../engine/report/index.ts';
import { departement, operator, REAL, refused, testEngine } from './support.ts';

const CALL = 'observatoire-logement-d-abord-2024';
const applicant = { statut: 'association', 'competences-observation': true, 'echelle-departementale': true };

async function apply(t: Awaited<ReturnType<typeof testEngine>>, operatorId: string) {
  const { instanceId } = await t.engine.createApplication({ callId: CALL, operatorId, territory: 'artois', applicant, actor: operator(operatorId) });
  return instanceId;
}

describe('quotas of agreements', () => {
  it('frees the place of a selected operator who withdraws (releasedIn), and only that place', async () => {
    const t = await testEngine(REAL, '2024-01-10');
    const first = await apply(t, 'obs-a');
    const second = await apply(t, 'obs-b');
    const third = await apply(t, 'obs-c');
    await t.on('2024-02-12');
    await t.engine.send(first, { type: 'retenir', actor: departement });
    expect(await refused(t.engine.send(second, { type: 'retenir', actor: departement }))).toMatchObject({ code: 'quota-atteint', details: { quota: 'conventions' } });

    await t.engine.send(first, { type: 'retirer', actor: operator('obs-a') });
    // the withdrawn application keeps its selection date: it is its state that releases the place
    expect(await t.store.countInstances({ callId: CALL, kind: 'application', selected: true })).toBe(1);
    await expect(t.engine.send(second, { type: 'retenir', actor: departement })).resolves.toMatchObject({ state: 'retenue' });
    const full = await refused(t.engine.send(third, { type: 'retenir', actor: departement }));
    expect(full.code).toBe('quota-atteint');
    expect(full.message).toContain("Un seul porteur pour l'animation de l'observatoire");
    // the call's report counts the quota as the engine enforces it
    const [used] = await computeQuotas({ db: t.store.db, callId: CALL, call: t.repository.calls.get(CALL)!.definition });
    expect(used?.used.map((use) => use.text)).toEqual(['1 sur 1 conventions']);
  });
});
