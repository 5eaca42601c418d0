/**
 * Windows and territories: real calendar dates, windows that do not end before they open, applications
 * that close within the agreement, and territories that exist in the shared catalog.
 */
import { formatDate } from '../../time/index.ts';
import type { Period } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { finding, knownHint, type LintContext } from './lint-context.ts';

/** Checks the windows' dates and every territory reference of the call. */
export function lintWindows(context: LintContext): Finding[] {
  return [...lintDates(context), ...lintTerritories(context)];
}

/** True for a date that exists in the calendar (the schema lets 2024-02-30 through). */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function lintDates(context: LintContext): Finding[] {
  const findings: Finding[] = [];
  for (const [id, window] of Object.entries(context.call.windows)) {
    const pointer = childPointer('/windows', id);
    // A deadline alone (no start) is a period open until its end: only its end is checked.
    const known = (period: Period, name: 'application' | 'agreement') => {
      if (period.unknown === true) return undefined;
      const bounds: { start?: string; end: string } = 'start' in period ? { start: period.start, end: period.end } : { end: period.end };
      let valid = true;
      for (const bound of ['start', 'end'] as const) {
        const date = bounds[bound];
        if (date !== undefined && !isCalendarDate(date)) {
          valid = false;
          findings.push(finding(context, 'date-invalide', 'error', `${pointer}/${name}/${bound}`, `La date « ${date} » n'existe pas dans le calendrier.`));
        }
      }
      return valid ? bounds : undefined;
    };
    const application = known(window.application, 'application');
    const agreement = known(window.agreement, 'agreement');
    if (application?.start !== undefined && application.end < application.start) {
      findings.push(finding(context, 'fenetre-inversee', 'error', `${pointer}/application/end`, `La fenêtre de candidature « ${id} » se ferme le ${formatDate(application.end)}, avant de s'ouvrir le ${formatDate(application.start)} : inversez les deux dates ou corrigez-en une.`));
    }
    if (agreement?.start !== undefined && agreement.end < agreement.start) {
      findings.push(finding(context, 'fenetre-inversee', 'error', `${pointer}/agreement/end`, `La période de convention « ${id} » finit le ${formatDate(agreement.end)}, avant de commencer le ${formatDate(agreement.start)} : inversez les deux dates ou corrigez-en une.`));
    }
    if (application !== undefined && agreement !== undefined && application.end > agreement.end) {
      findings.push(finding(context, 'fenetre-hors-convention', 'error', `${pointer}/application/end`, `La fenêtre de candidature « ${id} » se ferme le ${formatDate(application.end)}, après la fin de la période de convention (${formatDate(agreement.end)}).`));
    }
  }
  return findings;
}

function lintTerritories(context: LintContext): Finding[] {
  const { call, catalog } = context;
  const findings: Finding[] = [];
  const known = [...catalog.territories.keys(), ...catalog.groups.keys()];
  const check = (ids: readonly string[], pointer: string) => {
    ids.forEach((id, index) => {
      if (catalog.has(id)) return;
      findings.push(finding(context, 'territoire-inconnu', 'error', `${pointer}/${index}`, `Territoire ou groupe « ${id} » inconnu du catalogue${knownHint(id, known)}`));
    });
  };
  check(call.territories, '/territories');
  const covered = new Set(catalog.expand(call.territories));
  const windowsOf = new Map<string, string[]>();
  for (const [id, window] of Object.entries(call.windows)) {
    const pointer = childPointer('/windows', id);
    check(window.territories, `${pointer}/territories`);
    for (const territory of catalog.expand(window.territories)) {
      windowsOf.set(territory, [...(windowsOf.get(territory) ?? []), id]);
      if (covered.size > 0 && !covered.has(territory)) {
        findings.push(finding(context, 'territoire-hors-appel', 'warning', `${pointer}/territories`, `La fenêtre « ${id} » couvre le territoire « ${territory} », que l'appel ne vise pas (territories).`));
      }
    }
  }
  for (const [territory, windows] of windowsOf) {
    if (windows.length > 1) {
      findings.push(finding(context, 'territoire-plusieurs-fenetres', 'warning', `${childPointer('/windows', windows[1] as string)}/territories`, `Le territoire « ${territory} » est couvert par plusieurs fenêtres (${windows.join(', ')}) : seule la première s'applique.`));
    }
  }
  for (const territory of covered) {
    if (!windowsOf.has(territory)) {
      findings.push(finding(context, 'territoire-sans-fenetre', 'warning', '/territories', `Le territoire « ${territory} » est visé par l'appel mais aucune fenêtre ne le couvre : aucune candidature n'y sera possible.`));
    }
  }
  (call.contacts ?? []).forEach((contact, index) => check(contact.territories ?? [], `/contacts/${index}/territories`));
  return findings;
}
