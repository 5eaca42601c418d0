/**
 * A call's retention periods in French, for its sheet: how long each kind of personal data is kept,
 * from which milestone, when the Département is warned, and which values erasure keeps for the
 * indicators (per measure), or that no period is declared.
 */
import type { Call, Duration, RetentionRule } from '../definition/index.ts';
import { DEFAULT_WARNING } from './retention-plan.ts';
import { keptFields } from './statistics.ts';
import type { DataKind } from './subject-fields.ts';

/** One kind of data as the sheet says it. */
export interface RetentionWords {
  kind: DataKind;
  /** « Données des ménages », « Données des porteurs ». */
  label: string;
  /** The period, or that none is declared. */
  sentence: string;
  /** What erasure keeps for the indicators, per owner (a measure, the applications). */
  kept: Array<{ owner: string; fields: string[] }>;
}

const UNITS: Array<[keyof Duration, string, string]> = [['years', 'an', 'ans'], ['months', 'mois', 'mois'], ['weeks', 'semaine', 'semaines'], ['days', 'jour', 'jours']];

/** A duration in French words. @example durationWords({ years: 5 }) // '5 ans' */
export function durationWords(duration: Duration): string {
  const parts = UNITS.filter(([unit]) => (duration[unit] ?? 0) > 0).map(([unit, one, many]) => `${duration[unit]} ${duration[unit] === 1 ? one : many}`);
  return parts.join(' et ') || '0 jour';
}

const AFTER: Record<RetentionRule['after'], string> = {
  end: 'la fin du dossier (arrivé à un état final)',
  balance: 'le solde de la convention (bilan final accepté)',
  created: 'la création du dossier',
};

/** The retention of each kind of personal data of a call, in French. */
export function describeRetention(call: Call): RetentionWords[] {
  const words: RetentionWords[] = [];
  const measures = Object.entries(call.measures ?? {}).filter(([, m]) => Object.keys(m.beneficiary?.fields ?? {}).length > 0);
  const kinds: Array<[DataKind, string, boolean]> = [
    ['households', 'Données des ménages', measures.length > 0],
    ['operators', 'Données des porteurs', Object.keys(call.applicants.fields ?? {}).length > 0],
  ];
  for (const [kind, label, holds] of kinds) {
    const rule = call.retention?.[kind];
    if (!rule && !holds) continue;
    if (!rule) {
      words.push({ kind, label, sentence: 'aucune durée de conservation déclarée : ces données sont gardées sans limite.', kept: [] });
      continue;
    }
    const sentence = `conservées ${durationWords(rule.keep)} après ${AFTER[rule.after]}, puis effacées ; le Département est averti ${durationWords(rule.warnBefore ?? DEFAULT_WARNING)} avant.`;
    const owners = kind === 'households'
      ? measures.map(([id, measure]) => ({ owner: measure.label ?? id, fields: measure.beneficiary?.fields ?? {}, kept: keptFields([call], { kind: 'measure', measureKind: id }) }))
      : [{ owner: 'Candidatures', fields: call.applicants.fields ?? {}, kept: keptFields([call], { kind: 'application', measureKind: null }) }];
    const kept = owners.map(({ owner, fields, kept: k }) => ({
      owner,
      fields: [...k.data].filter(([id]) => Object.hasOwn(fields, id)).map(([id, how]) => `${fields[id]?.label ?? id}${how === 'age' ? ' (l\'âge à l\'orientation seulement)' : ''}`),
    })).filter((entry) => entry.fields.length > 0);
    words.push({ kind, label, sentence, kept });
  }
  return words;
}
