/**
 * The reminder worker: turns the outbox's due notifications into deliveries and sends them by e-mail
 * (nodemailer over SMTP), each once; a person who chose the daily digest gets one e-mail a day from
 * {@link DIGEST_HOUR} (Paris). A mail server that fails is retried with a growing delay. Runs in the
 * server's loop, one pass at a time.
 * @module
 */
import type { Kysely } from 'kysely';
import {
  digestMail, digestSentOn, expandDueNotifications, markDigestSent, markFailed, markSent, readyDeliveries, reminderMail,
  type DueDelivery, type MailText,
} from '../../engine/reminders/index.ts';
import type { Database } from '../../engine/store/index.ts';
import { parisDate, type Clock, type PlainDateString } from '../../engine/time/index.ts';

/** Sends one e-mail; throws when the mail server refuses or cannot be reached. */
export interface MailSender {
  send(mail: MailText): Promise<void>;
}

/** The digest goes out from this hour, Paris time. */
export const DIGEST_HOUR = 7;

/**
 * A sender over SMTP (`smtp://user:pass@host:port`, or `smtps://…`), with a bounded wait.
 * @example
 * const sender = smtpSender('smtp://127.0.0.1:2525', 'dispositifs@pasdecalais.fr');
 */
export function smtpSender(url: string, from: string): MailSender {
  // nodemailer loads with the first e-mail, not when the server starts.
  let transport: Promise<import('nodemailer').Transporter> | undefined;
  return {
    async send(mail) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url, { from }));
      await (await transport).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
  };
}

/** What a pass did. */
export interface ReminderRun {
  sent: number;
  failed: number;
}

/** What the worker runs on. */
export interface ReminderWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  sender: MailSender;
  /** The public address of the server, for links (`https://dispositifs.pasdecalais.fr`). */
  baseUrl: string;
}

function parisHour(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  return Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
}

/**
 * One pass of the worker.
 * @example
 * const run = await runReminders({ db: store.db, clock, sender, baseUrl: 'http://127.0.0.1:3000' });
 */
export async function runReminders(options: ReminderWorkerOptions): Promise<ReminderRun> {
  const now = options.clock.now();
  const today = parisDate(now) as PlainDateString;
  const domain = new URL(options.baseUrl).hostname || 'dispositifs.local';
  await expandDueNotifications(options.db, today, now.toISOString());
  const run: ReminderRun = { sent: 0, failed: 0 };
  for (const delivery of await readyDeliveries(options.db, 'each', now.toISOString())) {
    await attempt(options, [delivery], reminderMail(delivery, options.baseUrl, domain), now, run);
  }
  if (parisHour(now) >= DIGEST_HOUR) {
    const byPerson = new Map<string, DueDelivery[]>();
    for (const d of await readyDeliveries(options.db, 'daily', now.toISOString(), 1000)) byPerson.set(d.person.id, [...(byPerson.get(d.person.id) ?? []), d]);
    for (const [person, deliveries] of byPerson) {
      if (await digestSentOn(options.db, person, today)) continue;
      if (await attempt(options, deliveries, digestMail(deliveries, today, options.baseUrl, domain), now, run)) await markDigestSent(options.db, person, today);
    }
  }
  return run;
}

async function attempt(options: ReminderWorkerOptions, deliveries: DueDelivery[], mail: MailText, now: Date, run: ReminderRun): Promise<boolean> {
  try {
    await options.sender.send(mail);
  } catch (error) {
    // The reason is kept for the operators of the server; it names the mail server's answer, never the message.
    await markFailed(options.db, deliveries, now, (error as Error).message ?? 'échec');
    run.failed += deliveries.length;
    return false;
  }
  await markSent(options.db, deliveries, now.toISOString());
  run.sent += deliveries.length;
  return true;
}
