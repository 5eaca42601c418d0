/**
 * @module
 * Reminders by e-mail: the people reminded and how, the outbox's notifications turned into deliveries sent
 * once (retried with backoff), and their French text. The engine writes notifications in its steps
 * (`engine/runtime/notifications.ts`); a worker at the edge sends (`server/reminders/`).
 */
export { concerns, findPerson, reachablePeople, recordPerson, REMINDER_MODES, setReminderMode, type Person, type ReminderMode } from './people.ts';
export { backoffMs, digestSentOn, expandDueNotifications, markDigestSent, markFailed, markSent, MAX_ATTEMPTS, readyDeliveries, type DueDelivery } from './outbox.ts';
export { digestMail, reminderMail, type MailText } from './mail-text.ts';
