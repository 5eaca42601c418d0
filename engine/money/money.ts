/**
 * Euros written the French way ("162,38 €", "5 000 €") to and from integer cents.
 */
import { EngineError } from '../errors.ts';

/** An amount in integer euro cents (16238 is 162,38 €). */
export type Cents = number;

/** The space `formatMoney` puts between thousands and before "€": U+00A0 NO-BREAK SPACE. */
export const MONEY_SPACE = '\u00a0';

// Thousands may be separated by a space, a no-break space (U+00A0) or a narrow no-break space (U+202F).
const MONEY = /^(-|\u2212)?(\d{1,3}(?:[ \u00a0\u202f]?\d{3})*)(?:,(\d{2}))?[ \u00a0\u202f]?€$/;

/**
 * Parses a French amount into cents; `undefined` when the text is not one. Thousands may be grouped with
 * spaces, no-break spaces or narrow no-break spaces; cents, when written, have two digits.
 * @example parseMoney('162,38 €') // 16238
 * @example parseMoney('5 000 €') // 500000
 */
export function parseMoney(text: string): Cents | undefined {
  const match = MONEY.exec(text.trim());
  if (!match) return undefined;
  const euros = Number((match[2] ?? '').replace(/[ \u00a0\u202f]/g, ''));
  const cents = euros * 100 + Number(match[3] ?? '0');
  if (!Number.isSafeInteger(cents)) return undefined;
  return match[1] ? -cents : cents;
}

/**
 * Parses an amount of a checked definition; throws `donnees-invalides` when it is not one.
 * @param where what the amount is, for the message (for example « le prix du tarif »)
 */
export function requireMoney(text: string, where: string): Cents {
  const cents = parseMoney(text);
  if (cents === undefined) {
    throw new EngineError('donnees-invalides', `Montant invalide pour ${where} : « ${text} ». Écrivez par exemple « 162,38 € » ou « 5 000 € ».`, { where });
  }
  return cents;
}

/**
 * Formats cents the French way, always with two decimals: thousands grouped by three and the euro sign
 * after the amount, both separated by U+00A0 NO-BREAK SPACE (so an amount never breaks across lines and
 * stays one cell in a CSV); a negative amount starts with an ASCII hyphen-minus, which spreadsheets read.
 * @example formatMoney(16238) // '162,38 €' (with a no-break space)
 * @example formatMoney(500000) // '5 000,00 €'
 */
export function formatMoney(cents: Cents): string {
  if (!Number.isInteger(cents)) {
    throw new EngineError('donnees-invalides', `Montant non entier en centimes : ${cents}.`, { cents });
  }
  // Through BigInt: an amount recorded before amounts were bounded (beyond 2⁵³) still reads, digit for digit.
  const whole = BigInt(cents);
  const sign = whole < 0n ? '-' : '';
  const absolute = whole < 0n ? -whole : whole;
  const euros = String(absolute / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, MONEY_SPACE);
  const rest = String(absolute % 100n).padStart(2, '0');
  return `${sign}${euros},${rest}${MONEY_SPACE}€`;
}
