/**
 * A correction of the real equipes-mobiles-2025 call published as version 2 (a final state of the measure
 * renamed), applied to a recorded year with its migration plan: an incomplete plan is refused and changes
 * nothing; a complete one moves every instance in its own event, then the store equals its replay and a
 * second run moves nothing.
 */
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepository, type Repository } from '../../../engine/definition/index.ts';
import { migrateInstances, verifyStore } from '../../../engine/impact/index.ts';
import { fingerprint } from '../../../engine/scenario/scenario-world.ts';
import { createEngine, type Actor } from '../../../engine/runtime/index.ts';
import { manualClock } from '../../../engine/time/index.ts';
import { MOBILE_TEAMS, recordMobileTeamsYear, type MobileTeamsYear } from './mobile-teams-activity.ts';

const agent: Actor = { id: 'agent-migration', role: 'departement' };
let year: MobileTeamsYear;

beforeAll(async () => {
  year = await recordMobileTeamsYear({ households: 2 });
});
afterAll(() => year.store.close());

/** Version 2 of the call: the measure's final state `from` renamed `to`, with the given migration plan. */
function version2(plan: unknown, rename: { from: string; to: string }): Repository {
  const call = year.repository.calls.get(MOBILE_TEAMS)!;
  const lifecycle = call.definition.measures!['equipe-mobile']!.lifecycle!;
  const doc = parseDocument(year.repository.sources.get(call.file)!);
  doc.set('version', call.version + 1);
  const path = ['measures', 'equipe-mobile', 'lifecycle', 'states'];
  doc.setIn([...path, rename.from], null);
  doc.setIn([...path, rename.to], { ...lifecycle.states![rename.from], label: `${lifecycle.states![rename.from]!.label} (renommé)` });
  for (const [state, def] of Object.entries(lifecycle.states!)) {
    for (const [event, transition] of Object.entries(def.on ?? {})) {
      if (!Array.isArray(transition) && transition.target === rename.from) doc.setIn([...path, state, 'on', event, 'target'], rename.to);
    }
  }
  for (const [id, indicator] of Object.entries(call.definition.indicators ?? {})) {
    const states = (indicator as { states?: string[] }).states;
    if (states?.includes(rename.from)) doc.setIn(['indicators', id, 'states'], states.map((s) => (s === rename.from ? rename.to : s)));
  }
  doc.set('migration', plan);
  const sources = [...year.repository.sources].map(([file, text]) => ({ file, text: file === call.file ? doc.toString() : text }));
  const repository = buildRepository(sources);
  const errors = repository.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((f) => `${f.file}:${f.line} ${f.message}`).join('\n'));
  return repository;
}

describe('migrateInstances on a recorded year of equipes-mobiles-2025', () => {
  const rename = () => {
    const states = year.repository.calls.get(MOBILE_TEAMS)!.definition.measures!['equipe-mobile']!.lifecycle!.states!;
    const from = Object.keys(states).find((s) => states[s]!.type === 'final' && year.households.length > 0)!;
    return { from, to: `${from}-v2` };
  };

  it('refuses an incomplete plan: lists the states without a target, and writes nothing', async () => {
    const { from, to } = rename();
    const repository = version2({ lifecycles: { 'measure:equipe-mobile': { states: {} }, application: {}, report: {} } }, { from, to });
    const engine = createEngine({ store: year.store, repository, clock: manualClock(new Date('2026-03-01T10:00:00Z')) });
    const before = await fingerprint(year.store);
    const outcome = await migrateInstances({ store: year.store, engine, repository, callId: MOBILE_TEAMS, toVersion: repository.calls.get(MOBILE_TEAMS)!.version, dryRun: false, actor: agent });
    expect(outcome.missing.map((m) => `${m.lifecycle} ${m.state}`)).toEqual([`measure:equipe-mobile ${from}`]);
    expect(outcome.missing[0]!.instances.sort()).toEqual(year.households.map((h) => h.id).sort());
    expect(outcome.migrated).toEqual([]);
    expect(await fingerprint(year.store)).toBe(before);
  });

  it('dry-runs a complete plan (its impact, nothing written), applies it once per instance, and the store equals its replay', async () => {
    const { from, to } = rename();
    const repository = version2({ lifecycles: { 'measure:equipe-mobile': { states: { [from]: to } }, application: {}, report: { data: { 'note-migration': 'v2' } } } }, { from, to });
    const clock = manualClock(new Date('2026-03-01T10:00:00Z'));
    const engine = createEngine({ store: year.store, repository, clock });
    const toVersion = repository.calls.get(MOBILE_TEAMS)!.version;
    const before = await fingerprint(year.store);
    const dry = await migrateInstances({ store: year.store, engine, repository, callId: MOBILE_TEAMS, toVersion, dryRun: true, actor: agent });
    expect(await fingerprint(year.store)).toBe(before);
    const instances = year.agreements.length * 2 + year.households.length;
    expect(dry.moves).toHaveLength(instances);
    expect(dry.impact?.changes.filter((c) => c.kind === 'measure').every((c) => c.outcome === 'etat-different' && c.after.state === to)).toBe(true);
    expect(dry.impact?.call.costAfter).toBe(dry.impact?.call.costBefore);

    const applied = await migrateInstances({ store: year.store, engine, repository, callId: MOBILE_TEAMS, toVersion, dryRun: false, actor: agent });
    expect(applied.migrated).toHaveLength(instances);
    expect(applied.failed).toEqual([]);
    const verdict = await verifyStore(year.store, { territories: repository.territories });
    expect(verdict.calls.flatMap((c) => c.differences)).toEqual([]);
    const household = await engine.get(year.households[0]!.id, agent);
    expect(household.state.id).toBe(to);
    const history = await engine.history(year.households[0]!.id, agent);
    const last = history[history.length - 1]!;
    expect(last).toMatchObject({ type: '@migration', actor: { id: agent.id, role: agent.role } });
    const report = await engine.get(`${year.agreements[0]!.id}.bilan-final`, agent);
    expect(report.data['note-migration']).toBe('v2');

    const again = await migrateInstances({ store: year.store, engine, repository, callId: MOBILE_TEAMS, toVersion, dryRun: false, actor: agent });
    expect(again.moves).toEqual([]);
    expect(again.migrated).toEqual([]);
  });

  it('refuses a version that is not the one the definitions hold', async () => {
    const engine = createEngine({ store: year.store, repository: year.repository, clock: manualClock(new Date('2026-03-01T10:00:00Z')) });
    await expect(migrateInstances({ store: year.store, engine, repository: year.repository, callId: MOBILE_TEAMS, toVersion: 99, dryRun: true, actor: agent })).rejects.toThrow(/pas la version 99/);
  });
});
