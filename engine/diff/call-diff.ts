/**
 * A call against the call it extends, in French words, section by section: what changed, what was added
 * or removed, and what stayed the same (« tarif « Diagnostic flash » : inchangé »).
 */
import type { Call, Measure, Tariff } from '../definition/definition-types.ts';
import { ChangeList, same } from './change-list.ts';
import type { Change } from './change.ts';
import { lifecycleChanges } from './lifecycle-diff.ts';
import {
  describeEnvelope,
  describeGrant,
  describeIndicator,
  describeMeasureDuration,
  describePayment,
  describePeriod,
  describeQuota,
  describeReport,
  describeSource,
  describeStatus,
  describeTariff,
  type ActWords,
} from '../wording/index.ts';

/** A titled group of changes (« Fenêtres », « Mesure « Visite explicative de jugement » »). */
export interface DiffSection {
  title: string;
  changes: Change[];
}

/** A call against its parent. */
export interface CallDiff {
  parent: { id: string; title: string; year: number };
  child: { id: string; title: string; year: number };
  sections: DiffSection[];
  /** How many changes of each kind, over all sections. */
  counts: Record<Change['kind'], number>;
}

/** Options of {@link diffCalls}. */
export interface DiffOptions {
  /** The label of a territory or group id (the catalog's), to say « AMI 1 » rather than « ami-1 ». */
  territoryLabel?: (id: string) => string;
}

/**
 * Compares a resolved call with the resolved call it extends.
 * @example
 * const diff = diffCalls(repository.calls.get('prevention-expulsions-2024')!.definition, repository.calls.get('equipes-mobiles-2025')!.definition);
 * diff.sections.flatMap((section) => section.changes.map(formatChange));
 * // ['titre : … → …', …, 'fenêtre ami-1-et-2 : 01/04/2024–31/05/2024 → 01/04/2025–09/05/2025', …, 'mesure vej : retirée — …']
 */
export function diffCalls(parent: Call, child: Call, options: DiffOptions = {}): CallDiff {
  const territory = options.territoryLabel ?? ((id: string) => id);
  const territories = (ids: readonly string[]): string => ids.map(territory).join(', ');
  const sections: DiffSection[] = [];
  const section = (title: string, fill: (list: ChangeList) => void): void => {
    const list = new ChangeList();
    fill(list);
    if (list.changes.length > 0) sections.push({ title, changes: list.changes });
  };

  section("L'appel", (list) => {
    list.value('titre', 'm', '/title', parent.title, child.title, String);
    list.value('année', 'f', '/year', parent.year, child.year, String);
    list.value('statut', 'm', '/status', parent.status, child.status, describeStatus);
    list.value('résumé', 'm', '/summary', parent.summary, child.summary, String);
    list.value('rattachement au PDALHPD', 'm', '/plan', parent.plan, child.plan, (plan) =>
      [`axe ${plan.axis}`, plan.sheet && `fiche ${plan.sheet}`, plan.orientations?.length && `orientations ${plan.orientations.join(', ')}`].filter(Boolean).join(', '),
    );
    list.value('publics visés', 'mp', '/publics', parent.publics, child.publics, (publics) => publics.join(' ; '));
    list.value('territoires', 'mp', '/territories', parent.territories, child.territories, territories);
    list.value('source', 'f', '/source', parent.source, child.source, describeSource);
  });

  section('Fenêtres de candidature et conventions', (list) => {
    list.entries('/windows', parent.windows, child.windows, { subject: (id) => `fenêtre ${id}`, agreement: 'f', describe: (window) => `${territories(window.territories)} : candidatures ${describePeriod(window.application)}, convention ${describePeriod(window.agreement)}` }, (id, before, after) => {
      list.value(`fenêtre ${id}`, 'f', `/windows/${id}/application`, before.application, after.application, describePeriod);
      list.value(`convention ${id}`, 'f', `/windows/${id}/agreement`, before.agreement, after.agreement, describePeriod);
      list.value(`territoires de la fenêtre ${id}`, 'mp', `/windows/${id}/territories`, before.territories, after.territories, territories);
    });
  });

  section('Financement', (list) => {
    list.value('enveloppe', 'f', '/funding/envelope', parent.funding.envelope, child.funding.envelope, (envelope) =>
      envelope.note === undefined ? describeEnvelope(envelope) : `${describeEnvelope(envelope)} — ${envelope.note}`,
    );
    list.value('origine des crédits', 'f', '/funding/sources', parent.funding.sources, child.funding.sources, (sources) => sources.join(', '));
    list.entries('/funding/conditions', parent.funding.conditions, child.funding.conditions, { subject: (id) => `condition ${id}`, agreement: 'f', describe: (condition) => condition.label });
    list.value('participation financière', 'f', '/funding/grant', parent.funding.grant, child.funding.grant, labelled(describeGrant));
    list.value('versement', 'm', '/funding/payment', parent.funding.payment, child.funding.payment, labelled((payment) => describePayment(payment, child.year)));
    list.entries('/funding/quotas', parent.funding.quotas, child.funding.quotas, { subject: (id) => `quota ${id}`, agreement: 'm', describe: describeQuota });
  });

  section('Porteurs de projets', (list) => {
    const [before, after] = [parent.applicants, child.applicants];
    list.value('porteurs éligibles', 'mp', '/applicants/label', before.label, after.label, String);
    list.entries('/applicants/eligibility', before.eligibility, after.eligibility, { subject: (id) => `règle d'éligibilité ${id}`, agreement: 'f', describe: (rule) => rule.label });
    list.entries('/applicants/criteria', before.criteria, after.criteria, { subject: (id) => `critère ${id}`, agreement: 'm', describe: (criterion) => criterion.label });
    list.entries('/applicants/documents', before.documents, after.documents, { subject: (id) => `pièce ${id}`, agreement: 'f', describe: (document) => document.label });
    list.value('modalités de dépôt', 'fp', '/applicants/submission', before.submission, after.submission, String);
    list.entries('/applicants/fields', before.fields, after.fields, { subject: (id) => `donnée du porteur ${id}`, agreement: 'f', describe: (field) => field.label });
  });

  section('Mesures', (list) => {
    const ids = [...new Set([...Object.keys(parent.measures ?? {}), ...Object.keys(child.measures ?? {})])];
    for (const id of ids) {
      const [before, after] = [parent.measures?.[id], child.measures?.[id]];
      if (before !== undefined && after !== undefined && (before.label ?? id) === (after.label ?? id) && !same(before, after)) {
        list.push({ kind: 'modified', subject: `mesure ${id}`, agreement: 'f', path: `/measures/${id}`, details: [`le détail suit, section « Mesure « ${after.label ?? id} » »`] });
      } else if (before !== undefined && after !== undefined) list.value(`mesure ${id}`, 'f', `/measures/${id}`, before, after, (measure) => measure.label ?? id);
      else list.value(`mesure ${id}`, 'f', `/measures/${id}`, before, after, (measure) => measure.label ?? '');
    }
  });
  for (const [id, after] of Object.entries(child.measures ?? {})) {
    const before = parent.measures?.[id];
    if (before === undefined) continue;
    section(`Mesure « ${after.label ?? id} »`, (list) => measureChanges(list, `/measures/${id}`, before, after));
  }

  section('Cycles de vie', (list) => {
    list.push(...lifecycleChanges('cycle de vie de la candidature', '/lifecycles/application', parent.lifecycles?.application, child.lifecycles?.application));
    list.push(...lifecycleChanges('cycle de vie des bilans', '/lifecycles/report', parent.lifecycles?.report, child.lifecycles?.report));
  });

  section('Bilans et indicateurs', (list) => {
    list.entries('/reports', parent.reports, child.reports, { subject: (id) => `bilan ${id}`, agreement: 'm', describe: (report) => `${report.label} : ${describeReport(report)}` });
    list.entries('/indicators', parent.indicators, child.indicators, { subject: (id) => `indicateur ${id}`, agreement: 'm', describe: (indicator) => `${indicator.label} (${describeIndicator(indicator)})` });
  });

  section('Contacts', (list) => {
    const byName = (contacts: Call['contacts']) => Object.fromEntries((contacts ?? []).map((contact) => [contact.name, contact]));
    list.entries('/contacts', byName(parent.contacts), byName(child.contacts), {
      subject: (name) => `contact ${name}`,
      agreement: 'm',
      describe: (contact) => [contact.service, contact.phone, contact.email, contact.territories && territories(contact.territories)].filter(Boolean).join(', '),
    });
  });

  // Whatever no section above reads is still named: nothing is left to find in the YAML.
  section('Autres parties', (list) => {
    const keys = [...new Set([...Object.keys(parent), ...Object.keys(child)])].filter((key) => !COMPARED.has(key));
    for (const key of keys) list.value(key, 'f', `/${key}`, (parent as unknown as Record<string, unknown>)[key], (child as unknown as Record<string, unknown>)[key], (value) => JSON.stringify(value));
  });

  const counts: CallDiff['counts'] = { changed: 0, unchanged: 0, added: 0, removed: 0, modified: 0 };
  for (const change of sections.flatMap((each) => each.changes)) counts[change.kind] += 1;
  return {
    parent: { id: parent.id, title: parent.title, year: parent.year },
    child: { id: child.id, title: child.title, year: child.year },
    sections,
    counts,
  };
}

/** The top-level keys the sections compare (or that are the identity of the two calls). */
const COMPARED = new Set(['kind', 'id', 'version', 'title', 'year', 'status', 'summary', 'plan', 'publics', 'territories', 'source', 'windows', 'funding', 'applicants', 'measures', 'lifecycles', 'reports', 'indicators', 'contacts']);

/** The words of a part and, when it has one, its label as the definition writes it. */
function labelled<T extends { label?: string }>(describe: (value: T) => string): (value: T) => string {
  return (value) => (value.label === undefined ? describe(value) : `${describe(value)} (« ${value.label} »)`);
}

function measureChanges(list: ChangeList, path: string, before: Measure, after: Measure): void {
  const acts: ActWords = { ...before.acts, ...after.acts };
  list.value('libellé', 'm', `${path}/label`, before.label, after.label, String);
  list.value('publics visés', 'mp', `${path}/publics`, before.publics, after.publics, (publics) => publics.join(' ; '));
  list.entries(`${path}/acts`, before.acts, after.acts, { subject: (id, act) => `acte « ${act.label || id} »`, agreement: 'm', describe: (act) => act.label });
  tariffChanges(list, `${path}/tariff`, before.tariff, after.tariff, acts);
  list.value('durée', 'f', `${path}/duration`, before.duration, after.duration, describeMeasureDuration);
  list.entries(`${path}/beneficiary/eligibility`, before.beneficiary?.eligibility, after.beneficiary?.eligibility, {
    subject: (id) => `règle d'éligibilité ${id}`,
    agreement: 'f',
    describe: (rule) => rule.label,
  });
  list.entries(`${path}/beneficiary/fields`, before.beneficiary?.fields, after.beneficiary?.fields, { subject: (id) => `donnée ${id}`, agreement: 'f', describe: (field) => field.label });
  const context = { acts, fields: { ...before.beneficiary?.fields, ...after.beneficiary?.fields } };
  list.push(...lifecycleChanges('cycle de vie', `${path}/lifecycle`, before.lifecycle, after.lifecycle, context));
}

/** A sum tariff part by part (« tarif « Diagnostic flash » : inchangé »), any other tariff as a whole. */
function tariffChanges(list: ChangeList, path: string, before: Tariff | undefined, after: Tariff | undefined, acts: ActWords): void {
  if (before?.kind === 'sum' && after?.kind === 'sum') {
    list.entries(`${path}/parts`, before.parts, after.parts, {
      subject: (id, part) => `tarif « ${part.label ?? acts[id]?.label ?? id} »`,
      agreement: 'm',
      describe: (part) => describeTariff(part, acts),
    });
    list.value('plafond du tarif', 'm', `${path}/max`, before.max, after.max, String);
    return;
  }
  list.value('tarif', 'm', path, before, after, (tariff) => describeTariff(tariff, acts));
}
