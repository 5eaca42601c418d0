import { describe, expect, it } from 'vitest';
import { describeDeadline, describeDuration, describeEffect, describeTimer } from '../../../engine/diagram/index.ts';

describe('French wording of lifecycle parts', () => {
  it('says durations with singulars, plurals and « et »', () => {
    expect(describeDuration({ months: 6 })).toBe('6 mois');
    expect(describeDuration({ years: 1 })).toBe('1 an');
    expect(describeDuration({ years: 2, months: 1, days: 3 })).toBe('2 ans, 1 mois et 3 jours');
    expect(describeDuration({ weeks: 8 })).toBe('8 semaines');
    expect(describeDuration({ days: 0 })).toBe('0 jour');
  });

  it('says a timer as its label and when it fires', () => {
    const timer = { label: 'bilan à 6 mois', at: { from: 'start', after: { months: 6 } }, send: 'bilan' };
    expect(describeTimer(timer)).toBe('bilan à 6 mois : 6 mois après le début de la période');
    expect(describeDeadline({ from: 'agreement.end', after: { months: 3 } })).toBe('3 mois après la fin de la convention');
    expect(describeDeadline({ from: 'field:jugement', after: { days: 15 } }, { fields: { jugement: { label: 'date du jugement' } } })).toBe(
      '15 jours après la date « date du jugement »',
    );
  });

  it('says what an effect does with the labels of acts and fields', () => {
    const context = { acts: { flash: { label: 'diagnostic flash' } }, fields: { dette: { label: 'montant de la dette' } } };
    expect(describeEffect({ kind: 'act', act: 'flash' }, context)).toBe('compte : diagnostic flash');
    expect(describeEffect({ kind: 'set', fields: ['dette'] }, context)).toBe('renseigne : montant de la dette');
    expect(describeEffect({ kind: 'set', fields: ['dette', 'motif'] }, context)).toBe('renseigne : montant de la dette et motif');
    expect(describeEffect({ kind: 'set', fields: ['a', 'b', 'c', 'd', 'e'] })).toBe('renseigne : a, b et 3 autres champs');
    expect(describeEffect({ kind: 'start', date: 'debut', duration: { months: 12 } })).toBe('ouvre la période (12 mois)');
    expect(describeEffect({ kind: 'milestone', milestone: 'serviceFait' })).toBe('jalon : service fait');
  });
});
