/**
 * A call against the call it extends, in French words (« fenêtre ami : 01/04/2024–31/05/2024 →
 * 01/04/2025–09/05/2025 », « mesure vej : retirée »), and the French wording of a call's parts that the
 * diff and the preview sheet share.
 * @module
 */
export { diffCalls, type CallDiff, type DiffOptions, type DiffSection } from './call-diff.ts';
export { agree, formatChange, type Agreement, type Change } from './change.ts';
export { lifecycleChanges } from './lifecycle-diff.ts';
export { leafChanges } from './leaf-changes.ts';
export { renderDiffText } from './render-diff-text.ts';
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
} from '../wording/index.ts';
