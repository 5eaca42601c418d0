/**
 * The French wording of a call's parts, written once: sentences for the diff and the preview sheet
 * (« avance de 60 % à la signature de la convention, solde sur service fait »), and lines for the catalog
 * (« Avance de 60 % à la signature, solde sur service fait »), built on the same fragments.
 * @module
 */
export {
  describeEnvelope,
  describeGrant,
  describeIndicator,
  describeMeasureDuration,
  describeMoney,
  describePayment,
  describePeriod,
  describeQuota,
  describeReport,
  describeSource,
  describeStatus,
  describeTariff,
  describeWindow,
  type ActWords,
} from './call-parts.ts';
export { SOURCE_LABELS, envelopeLine, grantLine, paymentLine, quotaLine } from './funding-lines.ts';
export { tariffLines } from './tariff-lines.ts';
