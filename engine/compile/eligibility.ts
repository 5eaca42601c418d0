/**
 * Eligibility rules (applicants, beneficiaries) compiled once: each rule's JSON Schema checked against the
 * data as of a date, birthdates turned into ages on that date.
 */
import type { ValidateFunction } from 'ajv';
import type { Fields, Rules } from '../definition/definition-types.ts';
import { ageOn, isPlainDate, type PlainDateString } from '../time/index.ts';
import { compileSchema } from './ajv.ts';

/** A rule that is not met: its id and its French label (the reason shown). */
export interface FailedRule {
  rule: string;
  label: string;
}

/** Checks data against every rule; returns the rules not met (none: eligible). */
export type EligibilityCheck = (data: Record<string, unknown>, date: PlainDateString) => FailedRule[];

/**
 * Compiles eligibility rules. For each field of type `birthdate` (say `date-naissance`), the rules also see
 * `date-naissance-age`: the age in whole years on the date of the check, so that « moins de 25 ans » is
 * checked at referral and again at renewal.
 * @example
 * const check = compileEligibility(measure.beneficiary?.eligibility, measure.beneficiary?.fields);
 * check({ parc: 'social' }, '2024-12-01') // [{ rule: 'locataire-parc-prive', label: 'Le ménage doit être…' }]
 */
export function compileEligibility(rules: Rules | undefined, fields: Fields | undefined): EligibilityCheck {
  const compiled: Array<{ rule: string; label: string; validate: ValidateFunction }> = Object.entries(rules ?? {}).map(
    ([rule, { label, schema }]) => ({ rule, label, validate: compileSchema(schema) }),
  );
  const birthdates = Object.entries(fields ?? {}).filter(([, f]) => f.type === 'birthdate').map(([id]) => id);
  return (data, date) => {
    const document: Record<string, unknown> = { ...data };
    for (const field of birthdates) {
      const value = data[field];
      if (isPlainDate(value)) document[`${field}-age`] = ageOn(value, date);
    }
    return compiled.filter((c) => !c.validate(document)).map(({ rule, label }) => ({ rule, label }));
  };
}
