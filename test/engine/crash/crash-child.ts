/**
 * The child of the crash test (`crash.test.ts`): applies a fixed plan of events to the 2024
 * eviction-prevention call (one agreement, then mobile-team measures through their whole lifecycle), each
 * with an idempotency key, and prints `ack <key>` once the engine has answered (after the commit). The
 * parent kills it with SIGKILL at random points and starts it again; each run sends the whole plan again
 * from the measure it is told to resume at, so what was committed but not acknowledged is sent twice.
 *
 * Usage: node --import tsx crash-child.ts <database-url> <measures> <resume-at-measure>
 */
import { loadRepository } from '../../../engine/definition/index.ts';
import { createEngine, type Actor } from '../../../engine/runtime/index.ts';
import { openStore } from '../../../engine/store/index.ts';
import { manualClock, parisInstant } from '../../../engine/time/index.ts';

const [url, measuresArg, resumeArg] = process.argv.slice(2);
if (!url || !measuresArg || !resumeArg) {
  process.stderr.write('usage : crash-child.ts <database-url> <measures> <resume-at-measure>\n');
  process.exit(2);
}

/** The call, actors and household of the plan. */
const CALL = 'prevention-expulsions-2024';
const operator: Actor = { id: 'asso-a-user', role: 'operator', operatorId: 'asso-a' };
const departement: Actor = { id: 'agent-1', role: 'departement' };
const household = { parc: 'prive', 'stade-procedure': 'commandement-de-payer', 'inconnu-services-sociaux': true };

/** The events of one mobile-team measure, in order: both diagnostics, the 8 weeks, a landlord contact, the end. */
const MEASURE_EVENTS: Array<{ type: string; payload?: Record<string, unknown> }> = [
  { type: 'diagnostic-flash' },
  { type: 'diagnostic-approfondi' },
  ...Array.from({ length: 8 }, () => ({ type: 'semaine' })),
  { type: 'contact-bailleur' },
  { type: 'terminer', payload: { issue: 'maintien' } },
];

const store = await openStore(url, { poolSize: 2 });
const repository = await loadRepository(['definitions/shared', 'definitions/2024']);
const clock = manualClock(parisInstant('2024-04-15', '12:00'));
const engine = createEngine({ store, repository, clock });
const ack = (key: string) => process.stdout.write(`ack ${key}\n`);

// The agreement: applied inside the window, selected, signed (each step idempotent, so every run replays it).
const agreement = 'crash-agreement';
await engine.createApplication({
  id: agreement, callId: CALL, operatorId: 'asso-a', territory: 'lens-henin', applicant: { 'agrement-isft': true }, actor: operator, idempotencyKey: 'agreement',
});
ack('agreement');
clock.set(parisInstant('2024-06-10', '12:00'));
await engine.send(agreement, { type: 'retenir', actor: departement, idempotencyKey: 'agreement.retenir' });
ack('agreement.retenir');
clock.set(parisInstant('2024-11-15', '12:00'));
await engine.send(agreement, { type: 'signer', payload: { montant: 10_000_000 }, actor: departement, idempotencyKey: 'agreement.signer' });
ack('agreement.signer');
clock.set(parisInstant('2024-12-02', '12:00'));
process.stdout.write('ready\n');

for (let m = Number(resumeArg); m < Number(measuresArg); m++) {
  const id = `crash-m${m}`;
  await engine.createMeasure({ id, parentId: agreement, measure: 'equipe-mobile', beneficiary: household, actor: operator, idempotencyKey: `m${m}` });
  ack(`m${m}`);
  for (const [i, event] of MEASURE_EVENTS.entries()) {
    await engine.send(id, { ...event, actor: operator, idempotencyKey: `m${m}.${i}` });
    ack(`m${m}.${i}`);
  }
}
await store.close();
process.stdout.write('done\n');
