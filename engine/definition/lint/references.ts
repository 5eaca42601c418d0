/**
 * Cross-references outside lifecycles: tariffs and their acts, amounts, quotas, grants, indicators,
 * the PDALHPD attachment, and the final report that a balance on service fait needs.
 */
import type { Indicator, Lifecycle, Quota, Tariff } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
// money.ts rather than the money index: the index loads tariffs and the ledger (and their calendar
// library), a tenth of a second that validation does not need.
import { parseMoney } from '../../money/money.ts';
import { finding, knownHint, measureFields, schemaProperties, type LintContext } from './lint-context.ts';

/** Checks tariffs, amounts, quotas, grants, indicators, plan and reports. */
export function lintReferences(context: LintContext): Finding[] {
  return [...lintTariffs(context), ...lintRhythms(context), ...lintAmounts(context), ...lintFunding(context), ...lintIndicators(context), ...lintPlan(context)];
}

/**
 * A rhythm is followed by the engine: it names the act it counts (declared under acts and recorded by an event
 * of the measure's lifecycle), how many per period (min, per), and states of that lifecycle. A rhythm the
 * engine could not follow would be a rule that does not bite.
 */
function lintRhythms(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const [id, measure] of Object.entries(context.call.measures ?? {})) {
    const states = Object.keys(measure.lifecycle?.states ?? {});
    const acts = Object.keys(measure.acts ?? {});
    const recorded = actsRecorded(measure.lifecycle);
    (measure.rhythm ?? []).forEach((rhythm, index) => {
      const pointer = `${childPointer('/measures', id)}/rhythm/${index}`;
      if (rhythm.act === undefined) {
        findings.push(finding(context, 'rythme-sans-acte', 'error', pointer, `Le rythme « ${rhythm.label} » ne nomme pas l'acte qu'il compte : ajoutez act: <acte déclaré sous acts de la mesure « ${id} »>, enregistré par un événement de son cycle de vie (effet { kind: act }), pour que le moteur planifie les contacts attendus et signale les périodes manquées.`));
      } else if (!acts.includes(rhythm.act)) {
        findings.push(finding(context, 'acte-inconnu', 'error', `${pointer}/act`, `Le rythme « ${rhythm.label} » compte l'acte « ${rhythm.act} », inconnu de la mesure « ${id} »${knownHint(rhythm.act, acts)} Déclarez-le sous acts.`));
      } else if (measure.lifecycle !== undefined && !recorded.has(rhythm.act)) {
        findings.push(finding(context, 'rythme-acte-jamais-enregistre', 'error', `${pointer}/act`, `Aucun événement du cycle de vie de la mesure « ${id} » n'enregistre l'acte « ${rhythm.act} » : ajoutez l'effet { kind: act, act: ${rhythm.act} } à l'événement qui le déclare (une rencontre, un contact), sinon le rythme « ${rhythm.label} » ne compterait jamais rien.`));
      }
      if (rhythm.per === undefined || rhythm.min === undefined) {
        findings.push(finding(context, 'rythme-sans-frequence', 'error', pointer, `Le rythme « ${rhythm.label} » doit dire combien d'actes au moins (min) par période (per), par exemple min: 3 et per: { weeks: 1 } pour 3 rencontres par semaine.`));
      }
      (rhythm.states ?? []).forEach((stateId, position) => {
        if (states.includes(stateId)) return;
        findings.push(finding(context, 'etat-inconnu', 'error', `${pointer}/states/${position}`, `État « ${stateId} » inconnu du cycle de vie de la mesure « ${id} »${knownHint(stateId, states)}`));
      });
    });
  }
  return findings;
}

/** The acts some transition of a lifecycle records (an `act` effect). */
function actsRecorded(lifecycle: Lifecycle | undefined): Set<string> {
  const acts = new Set<string>();
  for (const state of Object.values(lifecycle?.states ?? {})) {
    for (const transitions of Object.values(state.on ?? {})) {
      for (const transition of [transitions].flat()) {
        for (const effect of (transition as { effects?: Array<{ kind: string; act?: string }> } | null)?.effects ?? []) if (effect.kind === 'act' && effect.act !== undefined) acts.add(effect.act);
      }
    }
  }
  return acts;
}

function lintTariffs(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const [id, measure] of Object.entries(context.call.measures ?? {})) {
    if (measure.tariff === undefined) continue;
    const acts = Object.keys(measure.acts ?? {});
    const visit = (tariff: Tariff, pointer: string): void => {
      if (tariff.kind === 'sum') {
        for (const [partId, part] of Object.entries(tariff.parts)) visit(part, childPointer(`${pointer}/parts`, partId));
      } else if ((tariff.kind === 'perAct' || tariff.kind === 'declared') && !acts.includes(tariff.act)) {
        findings.push(finding(context, 'acte-inconnu', 'error', `${pointer}/act`, `Le tarif compte l'acte « ${tariff.act} », inconnu de la mesure « ${id} »${knownHint(tariff.act, acts)} Déclarez-le sous acts.`));
      }
    };
    visit(measure.tariff, `${childPointer('/measures', id)}/tariff`);
  }
  return findings;
}

/** Every amount must convert exactly to cents; a price or a flat amount of zero is suspicious. */
function lintAmounts(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const check = (text: string | undefined, pointer: string, zeroIsSuspicious: boolean): void => {
    if (text === undefined) return;
    const cents = parseMoney(text);
    if (cents === undefined) {
      findings.push(finding(context, 'montant-invalide', 'error', pointer, `Montant « ${text} » illisible : écrivez les euros à la française, par exemple « 162,38 € » ou « 5 000 € ».`));
    } else if (cents === 0 && zeroIsSuspicious) {
      findings.push(finding(context, 'montant-nul', 'warning', pointer, `Montant nul (« ${text} ») : est-ce voulu ?`));
    }
  };
  const { funding } = context.call;
  check(funding.envelope?.amount, '/funding/envelope/amount', true);
  for (const [year, amount] of Object.entries(funding.envelope?.byYear ?? {})) check(amount, `/funding/envelope/byYear/${year}`, true);
  if (funding.grant.kind === 'flat') check(funding.grant.amount, '/funding/grant/amount', true);
  if (funding.grant.kind === 'upTo') check(funding.grant.max, '/funding/grant/max', true);
  const visit = (tariff: Tariff, pointer: string): void => {
    switch (tariff.kind) {
      case 'perAct':
        check(tariff.price, `${pointer}/price`, true);
        break;
      case 'declared':
        check(tariff.max, `${pointer}/max`, true);
        break;
      case 'prorata':
      case 'flat':
        check(tariff.amount, `${pointer}/amount`, true);
        break;
      case 'sum':
        check(tariff.max, `${pointer}/max`, true);
        for (const [partId, part] of Object.entries(tariff.parts)) visit(part, childPointer(`${pointer}/parts`, partId));
        break;
    }
  };
  for (const [id, measure] of Object.entries(context.call.measures ?? {})) {
    if (measure.tariff !== undefined) visit(measure.tariff, `${childPointer('/measures', id)}/tariff`);
  }
  return findings;
}

/** `releasedIn` names states of the application lifecycle, final ones (a place freed is not taken back). */
function lintReleasedIn(context: LintContext, id: string, quota: Quota): Finding[] {
  if (quota.releasedIn === undefined) return [];
  const pointer = `${childPointer('/funding/quotas', id)}/releasedIn`;
  if (quota.of !== 'agreements') {
    return [finding(context, 'quota-cle-sans-effet', 'error', pointer, `releasedIn ne s'emploie qu'avec of: agreements (ici of: ${quota.of}) : une mesure compte dans son quota dès sa création.`, true)];
  }
  const states = context.call.lifecycles?.application?.states;
  if (states === undefined) return [];
  const findings: Finding[] = [];
  quota.releasedIn.forEach((stateId, index) => {
    const state = states[stateId];
    if (state === undefined) {
      findings.push(finding(context, 'etat-inconnu', 'error', `${pointer}/${index}`, `État « ${stateId} » inconnu du cycle de vie de la candidature${knownHint(stateId, Object.keys(states))}`));
    } else if (state.type !== 'final') {
      findings.push(finding(context, 'etat-liberateur-non-final', 'warning', `${pointer}/${index}`, `L'état « ${stateId} » n'est pas final : une candidature qui en sortirait compterait de nouveau dans le quota « ${id} », peut-être au-delà de son maximum. Ne libérez une place que dans un état final.`));
    }
  });
  return findings;
}

function lintFunding(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const { funding, reports } = context.call;
  const measures = Object.keys(context.call.measures ?? {});
  for (const [id, quota] of Object.entries(funding.quotas ?? {})) {
    if (quota.measure !== undefined && !measures.includes(quota.measure)) {
      findings.push(finding(context, 'mesure-inconnue', 'error', `${childPointer('/funding/quotas', id)}/measure`, `Type de mesure « ${quota.measure} » inconnu${knownHint(quota.measure, measures)}`));
    }
    findings.push(...lintReleasedIn(context, id, quota));
  }
  if (funding.grant.kind === 'upTo' && funding.grant.per !== undefined && funding.grant.per !== 'agreement' && !measures.includes(funding.grant.per)) {
    findings.push(finding(context, 'mesure-inconnue', 'error', '/funding/grant/per', `Unité du plafond « ${funding.grant.per} » inconnue : « agreement » (la convention) ou un type de mesure${knownHint(funding.grant.per, measures)}`));
  }
  const onServiceFait = funding.payment.kind === 'advanceAndBalance' || (funding.payment.kind === 'single' && funding.payment.on === 'serviceFait');
  const hasFinal = Object.values(reports ?? {}).some((report) => report.kind === 'final');
  if (onServiceFait && !hasFinal) {
    findings.push(finding(context, 'bilan-final-manquant', 'warning', '/funding/payment', 'Le versement attend le service fait, mais aucun bilan final (reports, kind: final) n’est déclaré : le solde ne pourra jamais être dû.', true));
  }
  return findings;
}

function lintIndicators(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  const { call } = context;
  const measureIds = Object.keys(call.measures ?? {});
  for (const [id, indicator] of Object.entries(call.indicators ?? {})) {
    const pointer = childPointer('/indicators', id);
    const measure = indicator.measure === undefined ? undefined : call.measures?.[indicator.measure];
    if (indicator.measure !== undefined && measure === undefined) {
      findings.push(finding(context, 'mesure-inconnue', 'error', `${pointer}/measure`, `Type de mesure « ${indicator.measure} » inconnu${knownHint(indicator.measure, measureIds)}`));
      continue;
    }
    const lifecycle = indicatorLifecycle(context, indicator, measure?.lifecycle);
    const events = lifecycle?.events ?? {};
    if (indicator.of === 'events') {
      if (indicator.event === undefined && indicator.missedContacts !== true) {
        findings.push(finding(context, 'indicateur-evenement-manquant', 'error', pointer, `L'indicateur « ${id} » compte des événements : précisez lequel (event).`, true));
      } else if (indicator.event !== undefined && lifecycle !== undefined && !(indicator.event in events)) {
        findings.push(finding(context, 'evenement-inconnu', 'error', `${pointer}/event`, `Événement « ${indicator.event} » inconnu${knownHint(indicator.event, Object.keys(events))}`));
      }
    }
    if (indicator.late !== undefined && lifecycle !== undefined && (indicator.of !== 'events' || events[indicator.event ?? '']?.reportWithin === undefined)) {
      findings.push(finding(context, 'indicateur-retard-sans-devoir', 'error', `${pointer}/late`, `late compte les déclarations tardives : il faut of: events et un événement qui porte un devoir de signalement (reportWithin).`, true));
    }
    if (indicator.missedContacts !== undefined && (indicator.of !== 'events' || (measure !== undefined && !measure.rhythm?.some((r) => r.act !== undefined)) || indicator.measure === undefined)) {
      findings.push(finding(context, 'indicateur-suivi-sans-rythme', 'error', `${pointer}/missedContacts`, `missedContacts compte les suivis manqués : il faut of: events et measure: une mesure dont un rythme (rhythm) nomme l'acte qu'il compte (act).`, true));
    }
    const states = Object.keys(lifecycle?.states ?? {});
    (indicator.states ?? []).forEach((stateId, index) => {
      if (lifecycle !== undefined && !states.includes(stateId)) {
        findings.push(finding(context, 'etat-inconnu', 'error', `${pointer}/states/${index}`, `État « ${stateId} » inconnu${knownHint(stateId, states)}`));
      }
    });
    const fields = indicatorFields(context, indicator, measure === undefined ? undefined : measureFields(measure));
    const checkField = (name: string, at: string, key = false) => {
      if (fields === undefined || fields.has(name)) return;
      findings.push(finding(context, 'indicateur-champ-inconnu', 'error', at, `L'indicateur « ${id} » utilise le champ « ${name} », inconnu${knownHint(name, fields)}`, key));
    };
    if (indicator.kind !== 'count' && indicator.field === undefined) {
      findings.push(finding(context, 'indicateur-champ-manquant', 'error', pointer, `L'indicateur « ${id} » (${indicator.kind}) porte sur un champ : précisez-le (field).`, true));
    }
    if (indicator.kind === 'ratio' && indicator.per === undefined) {
      findings.push(finding(context, 'indicateur-champ-manquant', 'error', pointer, `L'indicateur « ${id} » est un ratio : précisez son dénominateur (per: <champ>), le numérateur étant field.`, true));
    }
    for (const key of ['per', 'change'] as const) {
      if (indicator.kind !== 'ratio' && indicator[key] !== undefined) {
        findings.push(finding(context, 'indicateur-cle-sans-effet', 'error', `${pointer}/${key}`, `${key} ne s'emploie qu'avec kind: ratio (ici kind: ${indicator.kind}).`, true));
      }
    }
    if (indicator.field !== undefined) checkField(indicator.field, `${pointer}/field`);
    if (indicator.per !== undefined) checkField(indicator.per, `${pointer}/per`);
    for (const name of Object.keys(indicator.where ?? {})) checkField(name, childPointer(`${pointer}/where`, name), true);
    const typeOf = (name: string) => declaredFieldType(context, indicator, name);
    (indicator.groupBy ?? []).forEach((by, index) => {
      const at = `${pointer}/groupBy/${index}`;
      if (by.startsWith('field:')) {
        const name = by.slice('field:'.length);
        checkField(name, at);
        if (typeOf(name) === 'birthdate') {
          findings.push(finding(context, 'indicateur-date-de-naissance', 'error', at, `Ventiler par date de naissance révèle des dates sans rien dire des âges : écrivez « age:${name} » (tranches d'âge à la date d'orientation, voir ageBands).`));
        }
      } else if (by.startsWith('age:')) {
        const name = by.slice('age:'.length);
        checkField(name, at);
        const type = typeOf(name);
        if (type !== undefined && type !== 'birthdate') {
          findings.push(finding(context, 'indicateur-age-sans-date-de-naissance', 'error', at, `« ${by} » ventile par âge, ce qui suppose une date de naissance (type birthdate) ; « ${name} » est de type ${type}.`));
        }
      }
    });
    const bands = indicator.ageBands;
    if (bands !== undefined) {
      if (bands.some((age, index) => index > 0 && age <= (bands[index - 1] ?? 0))) {
        findings.push(finding(context, 'tranches-age-non-croissantes', 'error', `${pointer}/ageBands`, `Les tranches d'âge (${bands.join(', ')}) doivent être croissantes : chaque nombre est l'âge où commence une tranche.`));
      }
      if (!(indicator.groupBy ?? []).some((by) => by.startsWith('age:'))) {
        findings.push(finding(context, 'indicateur-cle-sans-effet', 'warning', `${pointer}/ageBands`, `ageBands ne sert qu'aux ventilations age:<champ>, que l'indicateur « ${id} » n'a pas.`, true));
      }
    }
  }
  return findings;
}

/** The declared type of a field an indicator reads (beneficiary or applicant fields), if declared. */
function declaredFieldType(context: LintContext, indicator: Indicator, name: string): string | undefined {
  const { call } = context;
  const measures = Object.entries(call.measures ?? {}).filter(([id]) => indicator.measure === undefined || id === indicator.measure);
  const fields = [
    ...(indicator.of === 'applications' || indicator.of === 'events' ? [call.applicants.fields] : []),
    ...(indicator.of === 'applications' ? [] : measures.map(([, measure]) => measure.beneficiary?.fields)),
  ];
  for (const set of fields) {
    const field = set?.[name];
    if (field !== undefined) return field.type;
  }
  return undefined;
}

function indicatorLifecycle(context: LintContext, indicator: Indicator, measureLifecycle: Lifecycle | undefined): Lifecycle | undefined {
  switch (indicator.of) {
    case 'measures':
    case 'events':
      return measureLifecycle;
    case 'applications':
      return context.call.lifecycles?.application;
    case 'reports':
      return context.call.lifecycles?.report;
  }
}

/** The fields an indicator may use; undefined when they are not declared (not checked). */
function indicatorFields(context: LintContext, indicator: Indicator, measureFieldSet: Set<string> | undefined): Set<string> | undefined {
  const { call } = context;
  switch (indicator.of) {
    case 'measures': {
      if (indicator.measure !== undefined) return measureFieldSet;
      const all = Object.values(call.measures ?? {}).map(measureFields);
      return all.some((fields) => fields === undefined) ? undefined : new Set(all.flatMap((fields) => [...(fields ?? [])]));
    }
    case 'events': {
      const event = indicator.event === undefined ? undefined : indicatorLifecycle(context, indicator, indicator.measure === undefined ? undefined : call.measures?.[indicator.measure]?.lifecycle)?.events?.[indicator.event];
      const payload = schemaProperties(event?.payload);
      if (payload === undefined && measureFieldSet === undefined) return undefined;
      return new Set([...(payload ?? []), ...(measureFieldSet ?? [])]);
    }
    case 'applications':
      return call.applicants.fields === undefined ? undefined : new Set(Object.keys(call.applicants.fields));
    case 'reports':
      return undefined;
  }
}

function lintPlan(context: LintContext): Finding[] {
  const { plan } = context;
  const attachment = context.call.plan;
  if (plan === undefined || attachment === undefined) return [];
  const findings: Finding[] = [];
  const axes = Object.keys(plan.axes);
  if (!axes.includes(String(attachment.axis))) {
    findings.push(finding(context, 'axe-inconnu', 'error', '/plan/axis', `Axe « ${attachment.axis} » inconnu du PDALHPD ; axes : ${axes.join(', ')}.`));
  }
  const orientations = Object.values(plan.axes).flatMap((axis) => Object.keys(axis.orientations));
  (attachment.orientations ?? []).forEach((orientation, index) => {
    if (!orientations.includes(orientation)) {
      findings.push(finding(context, 'orientation-inconnue', 'error', `/plan/orientations/${index}`, `Orientation « ${orientation} » inconnue du PDALHPD.`));
    }
  });
  return findings;
}
