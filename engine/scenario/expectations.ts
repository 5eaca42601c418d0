/**
 * Checking what a step must produce: state, data, earnings, the agreement's ledger, pending timers and
 * allowed events, each mismatch said in French.
 */
import { EngineError } from '../errors.ts';
import { formatMoney, parseMoney, type BreakdownLine } from '../money/index.ts';
import type { Actor } from '../runtime/index.ts';
import type { InstanceRecord } from '../store/index.ts';
import { READER, resolveRef, type ScenarioWorld } from './scenario-world.ts';
import { LEDGER_KEYS, type Expectation } from './scenario-types.ts';
import { show, subsetMismatches } from './subset.ts';

/**
 * The problems of `expect` against the instance `target` (the step's instance or `expect.of`).
 * @param reader whose allowed events `expect.allowed` lists
 */
export async function checkExpectations(world: ScenarioWorld, expect: Expectation, target: string | undefined, reader: Actor): Promise<string[]> {
  const problems: string[] = [];
  const needsInstance = expect.state !== undefined || expect.data !== undefined || expect.earned !== undefined || expect.timers !== undefined || expect.allowed !== undefined;
  const instance = target === undefined ? undefined : await resolveRef(world, target);
  if (target !== undefined && instance === undefined && (needsInstance || expect.ledger !== undefined)) {
    return [`l'instance « ${target} » n'existe pas${target.includes('/') ? ' (le bilan est créé par le moteur à la signature de la convention)' : ''}`];
  }
  if (instance !== undefined && needsInstance) {
    const view = await world.engine.get(instance.id, READER);
    if (expect.state !== undefined && view.state.id !== expect.state) {
      problems.push(`état attendu « ${expect.state} », obtenu « ${view.state.id} » (${view.state.label})`);
    }
    if (expect.data !== undefined) {
      for (const m of subsetMismatches(expect.data, view.data)) problems.push(`donnée ${m.path} : attendu ${show(m.expected)}, obtenu ${show(m.actual)}`);
    }
    if (expect.earned !== undefined) {
      const earning = await world.engine.earnings(instance.id, READER);
      const expected = parseMoney(expect.earned);
      if (earning.cents !== expected) problems.push(`gain attendu ${expect.earned}, obtenu ${formatMoney(earning.cents)}${explain(earning.lines)}`);
    }
    if (expect.timers !== undefined) {
      const pending = view.timers.map((t) => `${t.name} (${t.dueDate})`).join(', ') || 'aucune';
      if (expect.timers.length === 0 && view.timers.length > 0) problems.push(`aucune minuterie attendue, en attente : ${pending}`);
      for (const timer of expect.timers) {
        const found = view.timers.filter((t) => t.name === timer.name);
        if (found.length === 0) problems.push(`minuterie « ${timer.name} » attendue, en attente : ${pending}`);
        else if (timer.due !== undefined && !found.some((t) => t.dueDate === timer.due)) {
          problems.push(`minuterie « ${timer.name} » attendue le ${timer.due}, prévue le ${found.map((t) => t.dueDate).join(', ')}`);
        }
      }
    }
    if (expect.allowed !== undefined) {
      const allowed = (await world.engine.get(instance.id, reader)).allowedEvents.map((e) => e.type);
      const missing = expect.allowed.filter((type) => !allowed.includes(type));
      if (missing.length > 0) problems.push(`événements attendus permis pour ${reader.role} : ${missing.join(', ')} ; permis : ${allowed.join(', ') || 'aucun'}`);
    }
  }
  if (expect.ledger !== undefined) problems.push(...(await checkLedger(world, expect.ledger, instance)));
  return problems;
}

async function checkLedger(world: ScenarioWorld, expected: NonNullable<Expectation['ledger']>, instance: InstanceRecord | undefined): Promise<string[]> {
  const agreementId = expected.of ?? (instance?.kind === 'application' ? instance.id : instance?.parentId ?? undefined);
  if (agreementId === undefined) return ['comptes : précisez la candidature avec « ledger: { of: … } »'];
  let ledger;
  try {
    ledger = (await world.engine.ledger(agreementId, READER)).ledger;
  } catch (error) {
    if (error instanceof EngineError) return [`comptes de « ${agreementId} » illisibles : ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  for (const key of LEDGER_KEYS) {
    const text = expected[key];
    if (text === undefined) continue;
    if (parseMoney(text) !== ledger[key]) problems.push(`comptes de « ${agreementId} », ${LEDGER_LABELS[key]} (${key}) : attendu ${text}, obtenu ${formatMoney(ledger[key])}`);
  }
  if (problems.length > 0) problems.push(`détail des comptes :${explain(ledger.lines)}`);
  return problems;
}

const LEDGER_LABELS: Record<(typeof LEDGER_KEYS)[number], string> = {
  agreed: 'montant conventionné',
  earned: 'activité',
  retained: 'montant retenu',
  advance: 'avance',
  balance: 'solde',
  due: 'dû',
  paid: 'versé',
  remaining: 'reste à verser',
};

function explain(lines: BreakdownLine[]): string {
  return lines.length === 0 ? '' : lines.map((line) => `\n        · ${line.text}`).join('');
}
