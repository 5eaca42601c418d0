import { describe, expect, it } from 'vitest';
import { agree, describeGrant, describeIndicator, describePayment, describePeriod, describeQuota, describeTariff } from '../../../engine/diff/index.ts';

const nbsp = '\u00a0';

describe('French wording of the parts of a call', () => {
  it('says periods with inclusive French dates, or that they are not known', () => {
    expect(describePeriod({ start: '2025-04-01', end: '2025-05-09' })).toBe('01/04/2025–09/05/2025');
    expect(describePeriod({ unknown: true })).toBe('dates non connues');
    expect(describePeriod({ end: '2019-09-06' })).toBe("jusqu'au 06/09/2019 (ouverture non précisée)");
  });

  it('says an indicator: a rate of change of two fields, age bands of a birthdate', () => {
    expect(describeIndicator({ label: 'x', kind: 'ratio', change: true, of: 'measures', measure: 'astre', field: 'montant-travaux-realises', per: 'montant-travaux-prevus', groupBy: ['territory'] }))
      .toBe('taux de variation de mesures astre, montant-travaux-realises rapporté à montant-travaux-prevus, par territoire');
    expect(describeIndicator({ label: 'x', kind: 'count', of: 'measures', groupBy: ['age:date-naissance'] })).toBe("nombre de mesures, par tranches d'âge (date-naissance)");
  });

  it('says every kind of tariff with amounts formatted the one French way', () => {
    const acts = { semaine: { label: 'Semaine', unit: 'semaine' }, diag: { label: 'Diagnostic de faisabilité' } };
    expect(describeTariff({ kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 }, acts)).toBe(`55,00${nbsp}€ par semaine, 8 au plus`);
    expect(describeTariff({ kind: 'declared', act: 'diag', max: '375 €' }, acts)).toBe(`montant déclaré, au plus 375,00${nbsp}€ par diagnostic de faisabilité`);
    expect(describeTariff({ kind: 'prorata', amount: '5 000 €', per: { months: 12 } })).toBe(`5${nbsp}000,00${nbsp}€ pour 12 mois, au prorata des mois commencés`);
    expect(describeTariff({ kind: 'flat', amount: '2 100 €' })).toBe(`forfait de 2${nbsp}100,00${nbsp}€`);
    expect(
      describeTariff({ kind: 'sum', parts: { logement: { kind: 'flat', amount: '5 000 €', label: 'Logement' }, suivi: { kind: 'flat', amount: '5 000 €' } } }),
    ).toBe(`somme de Logement : forfait de 5${nbsp}000,00${nbsp}€ ; suivi : forfait de 5${nbsp}000,00${nbsp}€`);
  });

  it('says grants, payment schedules and quotas', () => {
    expect(describeGrant({ kind: 'upTo', max: '20 000 €', per: 'groupe' })).toBe(`au plus 20${nbsp}000,00${nbsp}€ par groupe`);
    expect(describePayment({ kind: 'advanceAndBalance', advancePercent: 60 })).toBe('avance de 60 % à la signature de la convention, solde sur service fait');
    expect(describePayment({ kind: 'single', on: 'serviceFait', yearOffset: 1 }, 2024)).toBe('versement unique sur service fait (bilan accepté), en 2025');
    expect(describePayment({ kind: 'unknown', note: 'Rien sur le versement' })).toBe('non précisé par le texte (signature refusée tant qu’il ne l’est pas)');
    expect(describeQuota({ label: 'Mesures', of: 'measures', max: 45, enforce: 'warn' })).toBe("45 mesures au plus pour l'appel (objectif, signalé sans refus)");
  });

  it('makes participles agree with their subject', () => {
    expect([agree('retiré', 'm'), agree('retiré', 'f'), agree('inchangé', 'mp'), agree('ajouté', 'fp')]).toEqual(['retiré', 'retirée', 'inchangés', 'ajoutées']);
  });
});
