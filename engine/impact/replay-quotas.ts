/**
 * Quotas counted in memory while a log replays, with the store's semantics (`runtime/quotas.ts`): the
 * selected agreements of a call less those in a state that releases their place, the measures of a kind,
 * per operator or territory; and the measures of each kind under an agreement.
 */
import type { QuotaFact } from '../compile/index.ts';
import type { Quota } from '../definition/index.ts';

/** What the counter needs to know of an agreement: where it counts and whether it is selected now. */
export interface CountedAgreement {
  operatorId: string | null;
  territory: string | null;
  /** Selected (a selection date) and, when so, its current state. */
  selected(): boolean;
  state(): string;
}

/** In-memory counts of the instances admitted so far. */
export class ReplayQuotas {
  readonly #agreements: CountedAgreement[] = [];
  /** `kind \0 operator \0 territory` → measures. */
  readonly #measures = new Map<string, number>();
  /** agreement id → measure kind → measures. */
  readonly #under = new Map<string, Map<string, number>>();

  /** An application admitted. */
  addAgreement(agreement: CountedAgreement): void {
    this.#agreements.push(agreement);
  }

  /** A measure admitted under an agreement. */
  addMeasure(kind: string, operatorId: string | null, territory: string | null, parentId: string): void {
    const key = `${kind}\u0000${operatorId ?? ''}\u0000${territory ?? ''}`;
    this.#measures.set(key, (this.#measures.get(key) ?? 0) + 1);
    let kinds = this.#under.get(parentId);
    if (!kinds) this.#under.set(parentId, (kinds = new Map()));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }

  /** The fact a quota guard or a referral reads, for an instance of this operator and territory. */
  fact(quota: Quota, operatorId: string | null, territory: string | null): QuotaFact {
    let count = 0;
    if (quota.of === 'agreements') {
      const released = new Set(quota.releasedIn ?? []);
      for (const a of this.#agreements) {
        if (!a.selected() || released.has(a.state())) continue;
        if (quota.per === 'operator' && a.operatorId !== operatorId) continue;
        if (quota.per === 'territory' && (territory === null || a.territory !== territory)) continue;
        count += 1;
      }
    } else {
      for (const [key, n] of this.#measures) {
        const [kind, operator, where] = key.split('\u0000');
        if (quota.measure !== undefined && kind !== quota.measure) continue;
        if (quota.per === 'operator' && operator !== (operatorId ?? '')) continue;
        if (quota.per === 'territory' && (territory === null || where !== territory)) continue;
        count += n;
      }
    }
    return { count, max: quota.max, enforce: quota.enforce ?? 'refuse' };
  }

  /** Measures of each named kind under an agreement. */
  measuresUnder(agreementId: string, kinds: Iterable<string>): Record<string, number> {
    const counts: Record<string, number> = {};
    const known = this.#under.get(agreementId);
    for (const kind of kinds) counts[kind] = known?.get(kind) ?? 0;
    return counts;
  }
}
