/**
 * Who may enter a call, as pure checks on a compiled call: an application inside its territory's window
 * from an eligible applicant, a measure of a known kind on a covered territory for an eligible beneficiary.
 * The engine runs them at creation; the replayer runs them again under a candidate definition.
 */
import { describeErrors, type CompiledCall, type CompiledMeasure, type QuotaFact } from '../compile/index.ts';
import type { Quota } from '../definition/index.ts';
import { EngineError } from '../errors.ts';
import { formatDate, isWithin, type PlainDateString } from '../time/index.ts';

/** Refuses (throws `hors-fenetre`, `donnees-invalides`, `non-eligible`) an application the call does not admit on `date`. */
export function admitApplication(call: CompiledCall, territory: string, applicant: Record<string, unknown>, date: PlainDateString): void {
  const window = call.windowFor(territory);
  if (!window) {
    throw new EngineError('hors-fenetre', `L'appel « ${call.definition.title} » ne couvre pas le territoire « ${territory} » : choisissez un territoire de l'appel (${call.definition.territories.join(', ')}).`, { territory });
  }
  const period = window.application;
  if (!period || !isWithin(date, period.start, period.end)) {
    const when = !period
      ? 'dont les dates ne sont pas encore connues'
      : period.start === undefined ? `ouverte jusqu'au ${formatDate(period.end)} inclus` : `ouverte du ${formatDate(period.start)} au ${formatDate(period.end)} inclus`;
    throw new EngineError('hors-fenetre', `Candidature refusée le ${formatDate(date)} : la fenêtre « ${window.label} » est ${when} (heure de Paris). Déposez la candidature pendant la fenêtre.`, {
      window: window.id, date, ...(period && { ...(period.start !== undefined && { start: period.start }), end: period.end }),
    });
  }
  if (!call.validateApplicant(applicant)) {
    throw new EngineError('donnees-invalides', `Les données du porteur sont invalides : ${describeErrors(call.validateApplicant.errors).join(' ; ')}.`, { problems: describeErrors(call.validateApplicant.errors) });
  }
  const failed = call.applicantEligibility(applicant, date);
  if (failed.length > 0) {
    throw new EngineError('non-eligible', `Porteur non éligible : ${failed.map((f) => f.label).join(' ')}`, { rules: failed.map((f) => f.rule) });
  }
}

/** The measure kind, or a refusal: unknown kind, territory not covered, invalid data, beneficiary not eligible on `date`. */
export function admitMeasure(call: CompiledCall, kind: string, territory: string | null, beneficiary: Record<string, unknown>, date: PlainDateString): CompiledMeasure {
  const measure = call.measures.get(kind);
  if (!measure) {
    throw new EngineError('donnees-invalides', `Type de mesure « ${kind} » inconnu de l'appel (types : ${[...call.measures.keys()].join(', ')}).`, { measure: kind });
  }
  if (territory === null || !call.windowFor(territory)) {
    throw new EngineError('hors-perimetre', `Le territoire « ${territory ?? '(aucun)'} » n'est pas couvert par l'appel : choisissez un territoire de l'appel.`, { territory });
  }
  if (!measure.validateData(beneficiary)) {
    const problems = describeErrors(measure.validateData.errors);
    throw new EngineError('donnees-invalides', `Les données du bénéficiaire sont invalides : ${problems.join(' ; ')}.`, { problems });
  }
  const failed = measure.eligibility(beneficiary, date);
  if (failed.length > 0) {
    throw new EngineError('non-eligible', `Orientation refusée, bénéficiaire non éligible : ${failed.map((f) => f.label).join(' ')}`, { rules: failed.map((f) => f.rule) });
  }
  return measure;
}

/** A measure under an agreement that is not selected. */
export function notSelected(agreementId: string, state: string): EngineError {
  return new EngineError('evenement-non-permis', "La candidature n'est pas retenue : une mesure ne peut être ouverte que sous une candidature retenue.", { parentId: agreementId, state });
}

/** A quota of measures already full. */
export function quotaReached(id: string, quota: Quota, fact: QuotaFact): EngineError {
  return new EngineError('quota-atteint', `Quota atteint : ${quota.label} (${fact.count} sur ${fact.max}). Aucune nouvelle mesure ne peut être ouverte dans ce quota.`, { quota: id, count: fact.count, max: fact.max });
}
