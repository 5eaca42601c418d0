import { describe, expect, it } from 'vitest';
import { compileEligibility, compileGuard, compileLifecycle, emptyContext, type GuardEnvironment, type StepEvent } from '../../../engine/compile/index.ts';

const env: GuardEnvironment = {
  eligibility: compileEligibility(
    { jeune: { label: 'Moins de 25 ans.', schema: { required: ['date-naissance-age'], properties: { 'date-naissance-age': { maximum: 24 } } } } },
    { 'date-naissance': { label: 'Date de naissance', type: 'birthdate' } },
  ),
  applicationWindow: (territory) => (territory === 'boulonnais' ? { start: '2024-04-01', end: '2024-05-31' } : undefined),
  agreementQuotas: [],
};
const event = (date: string, payload: Record<string, unknown> = {}): StepEvent => ({ type: 'e', payload, date, facts: { quotas: {} } });

describe('compiled guards', () => {
  it('window: inside the territory window, both bounds included; never for a territory without one', () => {
    const guard = compileGuard('fenetre', { kind: 'window', label: 'Hors fenêtre.' }, env);
    const context = emptyContext('boulonnais', {});
    expect(['2024-03-31', '2024-04-01', '2024-05-31', '2024-06-01'].map((d) => guard.check(context, event(d)))).toEqual([false, true, true, false]);
    expect(guard.check(emptyContext('ternois', {}), event('2024-05-01'))).toBe(false);
  });

  it('eligibility: reads the age on the day of the event, from the data and the message', () => {
    const guard = compileGuard('eligible', { kind: 'eligibility', label: 'Non éligible.' }, env);
    const context = emptyContext('boulonnais', { 'date-naissance': '2000-03-01' });
    expect(guard.check(context, event('2025-02-28'))).toBe(true);
    expect(guard.check(context, event('2025-03-01'))).toBe(false);
    expect(guard.check(context, event('2025-03-01', { 'date-naissance': '2001-03-01' }))).toBe(true);
  });

  it('range and quota: a number of the message between bounds; a quota refuses only when reached and enforced', () => {
    const range = compileGuard('mois', { kind: 'range', label: 'De 6 à 12 mois.', field: 'mois', min: 6, max: 12 }, env);
    expect([5, 6, 12, 13, '6'].map((mois) => range.check(emptyContext(null, {}), event('2024-01-01', { mois })))).toEqual([false, true, true, false, false]);
    const quota = compileGuard('q', { kind: 'quota', label: 'Quota.', quota: 'q' }, env);
    const facts = (count: number, enforce: 'refuse' | 'warn'): StepEvent => ({ ...event('2024-01-01'), facts: { quotas: { q: { count, max: 2, enforce } } } });
    expect([quota.check(emptyContext(null, {}), facts(1, 'refuse')), quota.check(emptyContext(null, {}), facts(2, 'refuse')), quota.check(emptyContext(null, {}), facts(2, 'warn'))]).toEqual([true, false, true]);
  });

  it('grant cap: a signature agrees at most max × the measures of the capped kind under the agreement, and says the figures', () => {
    const lifecycle = compileLifecycle('application', {
      initial: 'retenue',
      states: { retenue: { label: 'Retenue', on: { signer: { target: 'signee', effects: [{ kind: 'milestone', milestone: 'signature', amount: 'montant' }] } } }, signee: { label: 'Signée', type: 'final' } },
      events: { signer: { label: 'Signer' } },
    }, { ...env, grantCap: { measure: 'groupe', label: 'Groupe', maxCents: 2_000_000 } });
    const [guard] = lifecycle.transitions('retenue', 'signer')[0]!.guards;
    expect(guard).toMatchObject({ kind: 'effect', counts: 'groupe' });
    const start = lifecycle.start(emptyContext('artois', {})).snapshot;
    const sign = (montant: number, groupes?: number): StepEvent => ({ ...event('2024-09-16', { montant }), type: 'signer', facts: { quotas: {}, ...(groupes !== undefined && { measures: { groupe: groupes } }) } });
    expect(lifecycle.step(start, sign(2_000_000, 1))).toMatchObject({ kind: 'taken', state: 'signee', context: { milestones: { agreedCents: 2_000_000 } } });
    expect(lifecycle.step(start, sign(4_000_000, 2))).toMatchObject({ kind: 'taken' });
    const over = lifecycle.step(start, sign(4_000_001, 2));
    expect(over).toMatchObject({ kind: 'refused', guard: { counts: 'groupe' } });
    expect(over.kind === 'refused' && over.reason?.replace(/\u00a0/g, ' ')).toBe(
      'le montant conventionné (40 000,01 €) dépasse le plafond de 20 000,00 € par mesure « Groupe » : 2 mesures « Groupe » rattachées à la convention, soit 40 000,00 € au plus. Rattachez les mesures prévues à la candidature retenue, ou signez pour 40 000,00 € au plus.',
    );
    expect(lifecycle.step(start, sign(1))).toMatchObject({ kind: 'refused' });
    expect(lifecycle.step(start, sign(0, 0))).toMatchObject({ kind: 'taken' });
  });

  it('unknown payment schedule: a signature is refused with the call’s note, rather than an advance invented', () => {
    const lifecycle = compileLifecycle('application', {
      initial: 'retenue',
      states: { retenue: { label: 'Retenue', on: { signer: { target: 'signee', effects: [{ kind: 'milestone', milestone: 'signature', amount: 'montant' }] }, retirer: { target: 'signee' } } }, signee: { label: 'Signée', type: 'final' } },
      events: { signer: { label: 'Signer' }, retirer: { label: 'Retirer' } },
    }, { ...env, unknownPayment: { note: 'La page ne dit rien du versement' } });
    const start = lifecycle.start(emptyContext('artois', {})).snapshot;
    const refused = lifecycle.step(start, { ...event('2019-10-01', { montant: 100 }), type: 'signer' });
    expect(refused).toMatchObject({ kind: 'refused', guard: { kind: 'effect' } });
    expect(refused.kind === 'refused' && refused.reason).toBe(
      "le calendrier de versement de l'appel n'est pas connu (« La page ne dit rien du versement ») : le moteur ne calcule pas l'avance ou le versement dû à la signature plutôt que d'en inventer un. Renseignez funding.payment (advanceAndBalance ou single) dans une nouvelle version de l'appel, puis signez.",
    );
    expect(lifecycle.step(start, { ...event('2019-10-01'), type: 'retirer' })).toMatchObject({ kind: 'taken', state: 'signee' });
  });
});
