import { describe, expect, it } from 'vitest';
import { describeTariff } from '../../../engine/catalog/index.ts';

const NBSP = '\u00a0';
const euros = (text: string) => text.replace(/ /g, NBSP);

describe('describeTariff', () => {
  it('prices an act, with its cap in units and in euros', () => {
    const lines = describeTariff(
      { kind: 'perAct', act: 'semaine', price: '55 €', maxUnits: 8 },
      { semaine: { label: "Semaine d'accompagnement", unit: 'semaine' } },
    );
    expect(lines).toEqual([`Semaine d'accompagnement : ${euros('55,00 €')} par semaine, 8 au plus (${euros('440,00 €')} au plus)`]);
  });

  it('says « 1 par mesure » for an act paid once', () => {
    expect(describeTariff({ kind: 'perAct', act: 'visite', price: '162,38 €', maxUnits: 1 }, { visite: { label: 'Visite', unit: 'visite' } }))
      .toEqual([`Visite : ${euros('162,38 €')} par visite, 1 par mesure`]);
  });

  it('gives the monthly amount of a prorata tariff only when it is exact to the cent', () => {
    expect(describeTariff({ kind: 'prorata', amount: '2 100 €', per: { months: 12 }, maxMonths: 12 }))
      .toEqual([`${euros('2 100,00 €')} pour 12 mois, compté au mois le mois, soit ${euros('175,00 €')} par mois, 12 mois au plus`]);
    expect(describeTariff({ kind: 'prorata', amount: '5 000 €', per: { years: 1 } }))
      .toEqual([`${euros('5 000,00 €')} pour 12 mois, compté au mois le mois`]);
  });

  it('describes a declared amount with its cap', () => {
    expect(describeTariff({ kind: 'declared', act: 'diagnostic', max: '375 €' }, { diagnostic: { label: 'Diagnostic de faisabilité', unit: 'diagnostic' } }))
      .toEqual([`Diagnostic de faisabilité : montant déclaré, ${euros('375,00 €')} au plus par diagnostic`]);
  });

  it('lists the parts of a sum, named by their labels, then its cap', () => {
    const lines = describeTariff({
      kind: 'sum',
      max: '10 000 €',
      parts: {
        logement: { kind: 'prorata', label: 'Logement', amount: '5 000 €', per: { months: 12 } },
        forfait: { kind: 'flat', amount: '100 €' },
      },
    });
    expect(lines).toEqual([
      `Logement : ${euros('5 000,00 €')} pour 12 mois, compté au mois le mois`,
      `forfait : ${euros('100,00 €')} par mesure`,
      `Total plafonné à ${euros('10 000,00 €')} par mesure`,
    ]);
  });

  it('says when a measure has no tariff', () => {
    expect(describeTariff(undefined)).toEqual(['Pas de tarif par mesure']);
  });
});
