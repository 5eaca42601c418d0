/**
 * The French explanation of an amount: lines that a policy officer or an operator reads.
 */
import type { Cents } from './money.ts';

/** One line of an explanation: the sentence and the amount it accounts for. */
export interface BreakdownLine {
  /** French sentence, for example « 8 semaines × 55,00 € = 440,00 € (plafond de 8 semaines atteint : 1 semaine non payée) ». */
  text: string;
  /** The amount this line accounts for (a total line repeats the sum of the lines above it). */
  cents: Cents;
  /** Path of the tariff part the line comes from (`logement`, `equipe.semaine`), absent at the top. */
  part?: string;
}

/** What an activity earned under a tariff: the exact amount and how it was computed. */
export interface Earning {
  cents: Cents;
  lines: BreakdownLine[];
}

/** A French count with its unit: « 1 semaine », « 9 semaines », « 2 mois ». */
export function countOf(count: number, singular: string): string {
  return `${count} ${count > 1 ? plural(singular) : singular}`;
}

function plural(word: string): string {
  if (/[sxz]$/.test(word)) return word;
  if (/(au|eu)$/.test(word)) return `${word}x`;
  return word.split(' ').map((part, i) => (i === 0 ? `${part}s` : part)).join(' ');
}
