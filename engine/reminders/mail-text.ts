/**
 * The French text of reminder e-mails: one reminder, or a person's daily digest. They name the lifecycle,
 * the state, the day and a link to the page; never a household's data.
 * @module
 */
import { formatDate, type PlainDateString } from '../time/index.ts';
import type { DueDelivery } from './outbox.ts';

/** An e-mail to send. */
export interface MailText {
  to: string;
  subject: string;
  text: string;
  /** Stable per content: a mail server or a mailbox can drop a copy sent again after a crash. */
  messageId: string;
}

const HEADINGS = new Map([
  ['echeance-proche', 'Échéance proche'],
  ['echeance-depassee', 'Échéance dépassée'],
  ['declaration-tardive', 'Déclaration tardive'],
]);

function line(d: DueDelivery, baseUrl: string): string {
  const due = d.dueDate === null ? '' : ` (échéance : ${formatDate(d.dueDate as PlainDateString)})`;
  return `- ${HEADINGS.get(d.kind) ?? d.kind} — ${d.subject}${due}\n  ${baseUrl}/espace/dossiers/${encodeURIComponent(d.instanceId)}`;
}

const FOOTER = (baseUrl: string) =>
  `\n\nVous recevez ce courriel parce que votre rôle dans dispositifs vous permet d'agir sur ce dossier.\nChoisir un récapitulatif quotidien ou ne plus recevoir de courriel : ${baseUrl}/espace/preferences\n`;

/** The e-mail of one reminder. */
export function reminderMail(d: DueDelivery, baseUrl: string, domain: string): MailText {
  return {
    to: d.person.email ?? '',
    subject: `[dispositifs] ${HEADINGS.get(d.kind) ?? 'Rappel'} : ${d.subject}`,
    text: `Bonjour ${d.person.name},\n\n${line(d, baseUrl)}${FOOTER(baseUrl)}`,
    messageId: `<${encodeURIComponent(d.notificationId)}.${encodeURIComponent(d.person.id)}@${domain}>`,
  };
}

/** A person's digest of the day (all their ready reminders, nearest deadline first). */
export function digestMail(deliveries: readonly DueDelivery[], day: PlainDateString, baseUrl: string, domain: string): MailText {
  const person = deliveries[0]!.person;
  return {
    to: person.email ?? '',
    subject: `[dispositifs] Récapitulatif du ${formatDate(day)} : ${deliveries.length} rappel(s)`,
    text: `Bonjour ${person.name},\n\nVoici ce qui vous attend :\n\n${deliveries.map((d) => line(d, baseUrl)).join('\n')}${FOOTER(baseUrl)}`,
    messageId: `<digest.${day}.${encodeURIComponent(person.id)}@${domain}>`,
  };
}
