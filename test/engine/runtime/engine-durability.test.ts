import { describe, expect, it } from 'vitest';
import { buildRepository } from '../../../engine/definition/index.ts';
import { coordinator, departement, FIXTURE, operator, refused, repositoryOf, testEngine } from './support.ts';

const CALL = 'accompagnement-jeunes-2024';
const coord = coordinator('boulonnais');
const young = { 'date-naissance': '2003-01-01' };

async function setup() {
  const t = await testEngine(FIXTURE, '2024-04-15');
  const { instanceId: agreementId } = await t.engine.createApplication({
    callId: CALL, operatorId: 'asso-a', territory: 'boulonnais', applicant: { 'gestionnaire-fsl': true }, actor: operator('asso-a'),
  });
  await t.engine.send(agreementId, { type: 'retenir', actor: departement });
  const { instanceId } = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: young, actor: coord });
  return { t, agreementId, instanceId };
}

/** The fixture's call published again as version 2, with one state renamed. */
async function version2() {
  const base = await repositoryOf(FIXTURE);
  const sources = [...base.sources].map(([file, text]) => ({
    file,
    text: file.endsWith(`${CALL}.yaml`) ? text.replace('version: 1', 'version: 2').replace('label: Orientée', 'label: Orientée (version 2)') : text,
  }));
  const repository = buildRepository(sources);
  expect(repository.calls.get(CALL)?.version).toBe(2);
  return repository;
}

describe('durability of instances', () => {
  it('applies an event sent twice with the same idempotency key once, and answers the same', async () => {
    const { t, instanceId } = await setup();
    const send = () => t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-05-01' }, actor: coord, idempotencyKey: 'k-1' });
    const first = await send();
    const again = await send();
    expect(again).toEqual(first);
    expect((await t.engine.history(instanceId, coord)).map((h) => h.type)).toEqual(['@creation', 'activer']);
    const reused = await refused(t.engine.send(instanceId, { type: 'sortie', payload: { date: '2024-06-01' }, actor: coord, idempotencyKey: 'k-1' }));
    expect(reused.code).toBe('cle-idempotence-reutilisee');
  });

  it('creates once for one idempotency key', async () => {
    const { t, agreementId } = await setup();
    const create = () => t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: young, actor: coord, idempotencyKey: 'orientation-42' });
    const [a, b] = await Promise.all([create(), create()]);
    expect(b).toEqual(a);
    expect(await t.store.countInstances({ kind: 'measure' })).toBe(2);
  });

  it('refuses an event against a stale version with the current version, and changes nothing', async () => {
    const { t, instanceId } = await setup();
    await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-05-01' }, actor: coord, expectedVersion: 1 });
    const stale = await refused(t.engine.send(instanceId, { type: 'sortie', payload: { date: '2024-06-01' }, actor: coord, expectedVersion: 1 }));
    expect(stale).toMatchObject({ code: 'conflit-de-version', details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await t.engine.get(instanceId, coord))).toMatchObject({ version: 2, state: { id: 'accompagnement' } });
  });

  it('keeps running instances on their version when a new one is published', async () => {
    const { t, agreementId, instanceId } = await setup();
    t.engine.publish(await version2());
    const pinned = await t.engine.get(instanceId, coord);
    expect(pinned).toMatchObject({ definition: { version: 1 }, state: { label: 'Orientée' } });
    // a measure of a pinned agreement runs under the agreement's version
    const sibling = await t.engine.createMeasure({ parentId: agreementId, measure: 'accompagnement', beneficiary: young, actor: coord });
    expect((await t.engine.get(sibling.instanceId, coord)).definition.version).toBe(1);
    // a new application starts under the new version
    const fresh = await t.engine.createApplication({ callId: CALL, operatorId: 'asso-b', territory: 'audomarois', applicant: { 'gestionnaire-fsl': true }, actor: operator('asso-b') });
    expect((await t.engine.get(fresh.instanceId, departement)).definition.version).toBe(2);
  });

  it('refuses a migration whose mapping misses a state in use, then migrates with a complete one', async () => {
    const { t, instanceId } = await setup();
    const other = await t.engine.createMeasure({ parentId: (await t.engine.get(instanceId, coord)).parentId!, measure: 'accompagnement', beneficiary: young, actor: coord });
    await t.engine.send(other.instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-05-01' }, actor: coord });
    const v2 = await version2();
    t.engine.publish(v2);
    const toHash = t.engine.compiled(CALL).hash;
    const ids = [instanceId, other.instanceId];
    const incomplete = await refused(t.engine.migrate({ instanceIds: ids, toHash, stateMapping: { orientee: 'orientee' }, actor: departement }));
    expect(incomplete).toMatchObject({ code: 'migration-incomplete', details: { unmapped: ['accompagnement'] } });
    expect((await t.engine.get(instanceId, coord)).definition.version).toBe(1);
    expect((await refused(t.engine.migrate({ instanceIds: ids, toHash, stateMapping: { orientee: 'orientee', accompagnement: 'nulle-part' }, actor: departement }))).code).toBe('migration-incomplete');

    const moved = await t.engine.migrate({ instanceIds: ids, toHash, stateMapping: { orientee: 'orientee', accompagnement: 'accompagnement' }, actor: departement });
    expect(moved.map((m) => m.to.state)).toEqual(['orientee', 'accompagnement']);
    expect(await t.engine.get(instanceId, coord)).toMatchObject({ definition: { version: 2 }, state: { label: 'Orientée (version 2)' }, version: 2 });
    const migrated = await t.engine.get(other.instanceId, coord);
    expect(migrated.timers.map((x) => x.dueDate)).toEqual(['2024-11-01']);
    expect((await t.engine.history(other.instanceId, coord)).at(-1)?.type).toBe('@migration');
    for (const id of ids) expect((await t.engine.replay(id)).snapshot).toEqual((await t.store.getInstance(id))?.snapshot);
  });

  it('catches up on timers after downtime and never fires one twice', async () => {
    const { t, instanceId } = await setup();
    await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-05-01' }, actor: coord });
    t.clock.set(new Date('2025-03-01T12:00:00Z')); // down from mid-April 2024 to March 2025
    const [a, b] = await Promise.all([t.engine.runDueTimers(), t.engine.runDueTimers()]);
    expect([...a, ...b]).toMatchObject([{ name: 'bilan-6-mois', outcome: 'applied', dueDate: '2024-11-01', state: 'bilan-attendu' }]);
    expect(await t.engine.runDueTimers()).toEqual([]);
    const history = await t.engine.history(instanceId, coord);
    expect(history.at(-1)).toMatchObject({ type: 'echeance-bilan', date: '2024-11-01', actor: { role: 'system' } });
    expect((await t.store.listTimers(instanceId)).map((x) => x.status)).toEqual(['fired']);
  });

  it('rebuilds every snapshot from its log alone', async () => {
    const { t, agreementId, instanceId } = await setup();
    await t.engine.send(instanceId, { type: 'activer', payload: { debut: '2024-05-01', entree: '2024-05-01' }, actor: coord });
    await t.on('2024-11-02');
    await t.engine.send(instanceId, { type: 'bilan', actor: operator('asso-a') });
    await t.engine.send(agreementId, { type: 'signer', payload: { montant: 500_000 }, actor: departement });
    for (const instance of (await t.store.listInstances({}, { limit: 100 })).items) {
      const replayed = await t.engine.replay(instance.id);
      expect(replayed.snapshot).toEqual(instance.snapshot);
      expect(replayed.version).toBe(instance.version);
    }
  });
});
