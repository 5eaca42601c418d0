import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, formatCsvNumber, renderCsv } from '../../../engine/report/index.ts';
import { sampleReport } from './sample-report.ts';

const lines = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');

describe('the report as CSV for a French spreadsheet', () => {
  const csv = renderCsv(sampleReport());

  it('starts with a byte-order mark, separates with ;, ends lines with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv)[0]).toBe(CSV_COLUMNS.join(';'));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes the date JJ/MM/AAAA and months MM/AAAA', () => {
    expect(lines(csv)).toContain('rapport;date;Date du rapport;;;31/03/2025;date');
    expect(lines(csv)).toContain('indicateur;mesures;Mesures engagées;Par mois;11/2024;12;nombre');
  });

  it('writes amounts in euros with a decimal comma and no thousands separator', () => {
    expect(lines(csv)).toContain('indicateur;montants;Aides mobilisées;Total;;12345,67;€');
    expect(lines(csv)).toContain('indicateur;montants;Aides mobilisées;Par territoire;Montreuillois;10000,00;€');
    expect(lines(csv)).toContain('budget;enveloppe;Enveloppe;Appel;Appel;52500,00;€');
    expect(lines(csv)).toContain("budget;reste-a-engager;Reste à engager sur l'enveloppe;Appel;Appel;16800,00;€");
    expect(lines(csv)).toContain('indicateur;duree;Durée moyenne (mois);Total;;7,46;moyenne');
  });

  it('shows masked counts as « < 5 » and withheld indicators as reserved', () => {
    expect(lines(csv)).toContain('indicateur;mesures;Mesures engagées;Par mois;12/2024;< 5;nombre');
    expect(lines(csv)).toContain('rapport;masquage;Effectifs inférieurs à 5 masqués;;;< 5;');
    expect(lines(csv)).toContain('indicateur;ressources;Ressources des ménages;Total;;réservé;Indicateur réservé : il porte sur « Ressources » (ressources), que votre rôle ne consulte pas.');
    expect(lines(csv)).toContain('bilans;attendu;Bilans des opérateurs;Par état;Bilan attendu;< 5;nombre');
  });

  it('writes quotas used as « 17 sur 25 »', () => {
    expect(lines(csv)).toContain('quota;mesures-astre;25 mesures ASTRE;Appel;Appel;17;sur 25');
  });

  it('never lets a label run as a spreadsheet formula', () => {
    expect(lines(csv)).toContain("indicateur;montants;Aides mobilisées;Par territoire;'=Ternois <b>;2345,67;€");
  });

  it('quotes cells that hold the separator or a quote', () => {
    const quoted = renderCsv(sampleReport({ call: { id: 'x', title: 'Appel « A ; B » "test"', year: 2024, version: 1 } }));
    expect(lines(quoted)[1]).toBe('rapport;appel;"Appel « A ; B » ""test""";;;x;version 1');
  });

  it('formats numbers per unit', () => {
    expect(formatCsvNumber(16_238, 'money')).toBe('162,38');
    expect(formatCsvNumber(-41_985, 'money')).toBe('-419,85');
    expect(formatCsvNumber(3, 'count')).toBe('3');
    expect(formatCsvNumber(2.5, 'number')).toBe('2,5');
    expect(formatCsvNumber(1_234_567.891, 'number')).toBe('1234567,89');
  });
});
