/**
 * A small report as data, for the renderers' tests (no database needed).
 */
import type { CallReport } from '../../../engine/report/index.ts';

/** A report with a count by month, a money sum by territory, a masked row, a withheld indicator and a budget. */
export function sampleReport(overrides: Partial<CallReport> = {}): CallReport {
  return {
    call: { id: 'astre-2024', title: 'ASTRE : accompagnement social aux travaux', year: 2024, version: 2 },
    generatedAt: '2025-03-31T10:00:00.000Z',
    generatedOn: '2025-03-31',
    viewer: { role: 'evaluator' },
    disclosure: { masked: true, threshold: 5 },
    indicators: [
      {
        id: 'mesures', label: 'Mesures engagées', kind: 'count', of: 'measures', status: 'ok', totalMasked: false, unit: 'count', total: 17, n: 17,
        source: { document: 'appels-a-projets-2024.md', section: 'ÉVALUATION > 3. Indicateurs', line: 501 },
        breakdowns: [
          {
            by: ['month'], label: 'Par mois',
            rows: [
              { keys: ['2024-11'], labels: ['novembre 2024'], value: 12, n: 12, masked: false },
              { keys: ['2024-12'], labels: ['décembre 2024'], value: null, n: null, masked: true },
              { keys: ['2025-01'], labels: ['janvier 2025'], value: null, n: null, masked: true },
            ],
          },
        ],
      },
      {
        id: 'montants', label: 'Aides mobilisées', kind: 'sum', of: 'measures', status: 'ok', totalMasked: false, unit: 'money', total: 1_234_567, n: 17,
        breakdowns: [
          {
            by: ['territory'], label: 'Par territoire',
            rows: [
              { keys: ['montreuillois'], labels: ['Montreuillois'], value: 1_000_000, n: 9, masked: false },
              { keys: ['ternois'], labels: ['=Ternois <b>'], value: 234_567, n: 8, masked: false },
            ],
          },
        ],
      },
      { id: 'duree', label: 'Durée moyenne (mois)', kind: 'average', of: 'measures', status: 'ok', totalMasked: false, unit: 'number', total: 7.456, n: 17, breakdowns: [] },
      { id: 'ressources', label: 'Ressources des ménages', kind: 'distribution', of: 'measures', status: 'withheld', message: 'Indicateur réservé : il porte sur « Ressources » (ressources), que votre rôle ne consulte pas.' },
    ],
    budget: {
      envelopeKnown: true,
    years: [],
      call: { key: 'call', label: 'Appel', envelope: 5_250_000, committed: 3_570_000, earned: 1_785_050, advanced: 2_142_000, due: 2_142_000, paid: 2_142_000, toPay: 0, remaining: 1_680_000, agreements: 2 },
      groups: [],
      operators: [{ key: 'asso-a', label: 'asso-a', envelope: null, committed: 2_100_000, earned: 1_000_000, advanced: 1_260_000, due: 1_260_000, paid: 1_260_000, toPay: 0, remaining: null, agreements: 1 }],
      quotas: [
        { id: 'mesures-astre', label: '25 mesures ASTRE', of: 'measures', per: 'call', max: 25, enforce: 'refuse', used: [{ key: 'call', label: 'Appel', count: 17, text: '17 sur 25 mesures (ASTRE)' }] },
      ],
    },
    reports: { byState: [{ state: 'attendu', label: 'Bilan attendu', count: null, masked: true }], pending: [] },
    ...overrides,
  };
}
