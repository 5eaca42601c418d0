/**
 * The agreement's ledger: what was agreed, earned, advanced, what is due and paid, from the call's grant
 * and payment schedule.
 */
import { sumCents } from './bounds.ts';
import { assertNever } from '../errors.ts';
import { compareDates, formatDate, type PlainDateString } from '../time/index.ts';
import { countOf, type BreakdownLine } from './breakdown.ts';
import type { Grant, Payment } from './funding-types.ts';
import { formatMoney, requireMoney, type Cents } from './money.ts';
import { paymentDueOn } from './payment-date.ts';

/** A payment made by the Département (a `payment` milestone). */
export interface PaymentMade {
  date: PlainDateString;
  cents: Cents;
}

/** The milestones an agreement has reached, with their dates. */
export interface Milestones {
  /** The agreement was signed: the advance (or a single payment at signature) becomes due. */
  signature?: PlainDateString;
  /** The final report was accepted: the balance (or a single payment on service fait) becomes due. */
  serviceFait?: PlainDateString;
  /** Payments made, in any order. */
  payments?: PaymentMade[];
}

/** What {@link computeLedger} reads. */
export interface LedgerInput {
  grant: Grant;
  payment: Payment;
  /** The agreed amount (montant conventionné), given at signature; a flat grant defaults to its amount. */
  agreedCents?: Cents;
  /** The total the agreement's measures earned under their tariffs. */
  earnedCents: Cents;
  milestones: Milestones;
  /** The call's year, to say in which year a `single` payment with `yearOffset` falls. */
  callYear?: number;
  /** The day the ledger is read: a payment counts as due from its due day on (default: as soon as its milestone is reached). */
  asOf?: PlainDateString;
  /** For an `upTo` grant capped per measure (`per: groupe`): how many measures of that kind the agreement has (without it, no cap is applied). */
  grantUnits?: number;
}

/** The agreement's accounts, in cents, and their French explanation. */
export interface Ledger {
  /** Montant conventionné (capped by an `upTo` grant's maximum per agreement, or max × measures per measure). */
  agreed: Cents;
  /** Total earned by the measures (their tariffs). */
  earned: Cents;
  /** What the service fait justifies: the agreed amount (flat, upTo) or min(earned, agreed) (activity). */
  retained: Cents;
  /** The advance due at signature (0 without one). */
  advance: Cents;
  /** The other payment: retained − advance for advance-and-balance (negative: a recovery), the whole single payment otherwise. */
  balance: Cents;
  /** Everything that has become due at the milestones reached so far. */
  due: Cents;
  /** Everything paid so far. */
  paid: Cents;
  /** due − paid: positive, still to pay; negative, to be recovered from the operator (reversement). */
  remaining: Cents;
  lines: BreakdownLine[];
}

/**
 * Computes an agreement's ledger. The rule, from the calls' « Modalités de versement de la participation
 * financière » (appels-a-projets-2024.md, for example lines 470-475 for ASTRE, 678-684 for ADSL,
 * 1585-1590 for the eviction-prevention teams; lines 57-59 and 284-286 for single payments):
 * - retained = agreed for a `flat` or `upTo` grant; min(earned, agreed) for an `activity` grant (the
 *   activity is paid « dans la limite du montant conventionné »); an `upTo` grant caps the agreed amount
 *   at its maximum per agreement, or at max × `grantUnits` when it is per measure (« 20 000 € maximum par
 *   groupe », line 1366; the engine already refuses a signature above that);
 * - `advanceAndBalance`: advance = advancePercent × agreed, rounded DOWN to the cent so that it never
 *   exceeds the percentage (with `upTo`, « dans la limite de 60 % », this is the maximum advance; what
 *   was really advanced shows in `paid`), due at signature; balance = retained − advance, due at service
 *   fait (« le paiement du solde interviendra en fonction du service fait »); a negative balance is a
 *   recovery (reversement);
 * - `single` on `signature`: the agreed amount, due at signature; on `serviceFait`: the retained amount,
 *   due at service fait, and never before 1 January of the year `yearOffset` names (« sur présentation en
 *   n + 1 du bilan »: a report accepted in year n makes it due on 1 January n + 1, `payment-date.ts`);
 * - `unknown` (a text that states no schedule): nothing becomes due; its signature is refused upstream;
 * - due = the amounts whose milestone is reached; remaining = due − paid.
 * @example
 * computeLedger({ grant: { kind: 'activity' }, payment: { kind: 'advanceAndBalance', advancePercent: 60 },
 *   agreedCents: 1_000_000, earnedCents: 400_000, milestones: { signature: '2024-12-01', serviceFait: '2025-12-15' } })
 * // { agreed: 1000000, advance: 600000, balance: -200000, due: 400000, … }
 */
export function computeLedger(input: LedgerInput): Ledger {
  const { grant, payment, milestones } = input;
  const lines: BreakdownLine[] = [];
  const say = (text: string, cents: Cents) => lines.push({ text, cents });

  let agreed = input.agreedCents ?? (grant.kind === 'flat' ? requireMoney(grant.amount, 'la participation forfaitaire') : 0);
  if (input.agreedCents === undefined && grant.kind !== 'flat') say('Montant conventionné : pas encore fixé (convention non signée)', 0);
  else say(`Montant conventionné : ${formatMoney(agreed)}`, agreed);

  const earned = input.earnedCents;
  let retained: Cents;
  switch (grant.kind) {
    case 'flat': {
      // A flat grant is its amount: an agreement recorded at another (before the engine refused it) owes the flat amount.
      const flat = requireMoney(grant.amount, 'la participation forfaitaire');
      if (agreed !== flat) {
        say(`Montant conventionné ramené à la participation forfaitaire de ${formatMoney(flat)}`, flat);
        agreed = flat;
      }
      retained = agreed;
      say(`Participation forfaitaire : ${formatMoney(retained)}`, retained);
      break;
    }
    case 'upTo': {
      const max = requireMoney(grant.max, 'le plafond de la participation');
      const per = grant.per === undefined || grant.per === 'agreement' ? undefined : grant.per;
      const units = input.grantUnits;
      // Per measure, the cap is known only with the number of measures; without it, nothing is capped.
      const cap = per === undefined ? max : units === undefined ? undefined : max * units;
      const limit = per === undefined
        ? `${formatMoney(max)} par convention`
        : units === undefined ? `${formatMoney(max)} par ${per}` : `${formatMoney(max)} par ${per} × ${countOf(units, per)} = ${formatMoney(max * units)}`;
      if (cap !== undefined && agreed > cap) {
        say(`Montant conventionné ramené au plafond de ${limit}`, cap);
        agreed = cap;
      }
      retained = agreed;
      say(`Participation dans la limite de ${limit} : ${formatMoney(retained)}`, retained);
      break;
    }
    case 'activity':
      retained = Math.min(earned, agreed);
      say(`Activité réalisée (tarifs des mesures) : ${formatMoney(earned)}`, earned);
      say(
        `Participation selon l'activité, dans la limite du montant conventionné : ${formatMoney(retained)}` +
          (earned > agreed ? ` (${formatMoney(earned - agreed)} d'activité au-delà du montant conventionné, non payable)` : ''),
        retained,
      );
      break;
    default:
      return assertNever(grant);
  }

  let advance = 0;
  let balance: Cents;
  let due = 0;
  switch (payment.kind) {
    case 'advanceAndBalance': {
      advance = Math.floor((agreed * payment.advancePercent) / 100);
      balance = retained - advance;
      const limit = payment.upTo ? 'dans la limite de ' : 'de ';
      say(`Avance ${limit}${payment.advancePercent} % à la signature : ${payment.advancePercent} % × ${formatMoney(agreed)} = ${formatMoney(advance)}${since(milestones.signature, 'due', 'due à la signature')}`, advance);
      if (milestones.signature !== undefined) due += advance;
      const recovery = balance < 0 ? ` : reversement de ${formatMoney(-balance)} à demander à l'opérateur` : '';
      say(`Solde sur service fait : ${formatMoney(retained)} − ${formatMoney(advance)} = ${formatMoney(balance)}${recovery}${since(milestones.serviceFait, 'dû', 'prévisionnel')}`, balance);
      if (milestones.serviceFait !== undefined) due += balance;
      break;
    }
    case 'single': {
      const on = payment.on === 'signature' ? milestones.signature : milestones.serviceFait;
      balance = payment.on === 'signature' ? agreed : retained;
      const year = payment.yearOffset !== undefined && input.callYear !== undefined ? `, en ${input.callYear + payment.yearOffset} (année n + ${payment.yearOffset})` : '';
      // Due on its milestone, but not before the year the call names (« en n + 1 »): the sentence and the sum agree.
      const dueOn = on === undefined ? undefined : paymentDueOn(payment, on, input.callYear);
      const reached = dueOn !== undefined && (input.asOf === undefined || compareDates(dueOn, input.asOf) <= 0);
      const when = dueOn === undefined ? since(undefined, 'dû', 'prévisionnel') : reached ? since(dueOn, 'dû', '') : ` (dû à compter du ${formatDate(dueOn)})`;
      say(`Versement unique ${payment.on === 'signature' ? 'à la signature' : 'sur service fait'}${year} : ${formatMoney(balance)}${when}`, balance);
      if (reached) due += balance;
      break;
    }
    case 'unknown':
      // No schedule, no amount due: the engine refuses the signature rather than invent an advance.
      balance = 0;
      say(`Calendrier de versement non précisé par l'appel (${payment.note}) : aucun montant n'est dû tant qu'il n'est pas renseigné`, 0);
      break;
    default:
      return assertNever(payment);
  }

  const payments = milestones.payments ?? [];
  const paid = sumCents(payments.map((p) => p.cents));
  if (payments.length > 0) say(`Versé : ${formatMoney(paid)} (${payments.map((p) => `${formatMoney(p.cents)} le ${formatDate(p.date)}`).join(', ')})`, paid);
  const remaining = due - paid;
  say(`Dû à ce jour : ${formatMoney(due)}`, due);
  if (remaining > 0) say(`Reste à verser : ${formatMoney(remaining)}`, remaining);
  else if (remaining < 0) say(`À reverser par l'opérateur : ${formatMoney(-remaining)}`, remaining);
  else say('Rien à verser ni à reverser à ce jour', 0);

  return { agreed, earned, retained, advance, balance, due, paid, remaining, lines };
}

/** « (dû depuis le 15/12/2025) » once the milestone is reached, else « (prévisionnel) ». */
function since(date: PlainDateString | undefined, word: 'dû' | 'due', pending: string): string {
  return date === undefined ? ` (${pending})` : ` (${word} depuis le ${formatDate(date)})`;
}
