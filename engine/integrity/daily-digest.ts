/**
 * The digest of a day of the log, for timestamping by a third party (an RFC 3161 authority, for
 * instance): SHA-256 over the hashes of the event rows written that Paris day, in log order, then those of
 * the acts on personal data. Erasure leaves row hashes as they were, so a digest timestamped before an
 * erasure still matches after it; any other change to a row of that day changes it.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { addDays, startOfParisDay, type PlainDateString } from '../time/index.ts';

/** A day's digest. */
export interface DailyDigest {
  date: PlainDateString;
  algorithm: 'sha256';
  events: number;
  privacyActs: number;
  /** Hex SHA-256 of the lines `e <seq> <instance> <version> <row hash>` then `p <id> <row hash>`. */
  digest: string;
}

/** Computes the digest of the Paris day `date`. */
export async function dailyDigest(store: Store, date: PlainDateString): Promise<DailyDigest> {
  const from = startOfParisDay(date).toISOString();
  const to = startOfParisDay(addDays(date, 1)).toISOString();
  const hash = createHash('sha256');
  let events = 0;
  for (let after = 0; ;) {
    const rows = await store.db.selectFrom('events').select(['seq', 'instance_id', 'version', 'row_hash'])
      .where('at', '>=', from).where('at', '<', to).where('seq', '>', after).orderBy('seq').limit(5000).execute();
    for (const row of rows) hash.update(`e ${Number(row.seq)} ${row.instance_id} ${Number(row.version)} ${row.row_hash ?? '-'}\n`);
    events += rows.length;
    if (rows.length < 5000) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const acts = await store.db.selectFrom('privacy_log').select(['id', 'row_hash']).where('at', '>=', from).where('at', '<', to).orderBy('id').execute();
  for (const act of acts) hash.update(`p ${Number(act.id)} ${act.row_hash}\n`);
  return { date, algorithm: 'sha256', events, privacyActs: acts.length, digest: hash.digest('hex') };
}
