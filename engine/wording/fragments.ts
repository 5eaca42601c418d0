/**
 * Fragments of French wording that the sentence forms (diff, sheet) and the line forms (catalog) of a
 * call's money share, so that both say the same thing the same way.
 */
import type { AdvanceAndBalancePayment, Quota, SinglePayment, UpToGrant } from '../definition/definition-types.ts';

/** When a single payment is made: « à la signature de la convention » or « sur service fait (bilan accepté) ». */
export function singlePaymentMoment(payment: SinglePayment): string {
  return payment.on === 'signature' ? 'à la signature de la convention' : 'sur service fait (bilan accepté)';
}

/** The advance of a payment schedule: « de 60 % » or « dans la limite de 60 % ». */
export function advanceShare(payment: AdvanceAndBalancePayment): string {
  return `${payment.upTo === true ? 'dans la limite de' : 'de'} ${payment.advancePercent} %`;
}

/** The measure kind a grant's ceiling applies to, or undefined when it is per agreement. */
export function grantMeasure(grant: UpToGrant): string | undefined {
  return grant.per === undefined || grant.per === 'agreement' ? undefined : grant.per;
}

/** The scope of a quota: « par opérateur », « par territoire », or undefined for the whole call. */
export function quotaScope(quota: Quota): string | undefined {
  return quota.per === 'operator' ? 'par opérateur' : quota.per === 'territory' ? 'par territoire' : undefined;
}
