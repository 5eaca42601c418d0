/**
 * A call's status, enforced by the engine. `draft`: nobody applies, refers or acts on it (a draft is tried
 * through scenarios and simulations, which run the engine in `trial` mode); `published`: open per its windows;
 * `closed`: no new application or referral, but what runs goes on to its end (events, timers, reports, money).
 *
 * The status read is the call's current one (the repository's newest version of that id), not the one an
 * instance was pinned to: closing a call is a change of status, not of content (see `published-content.ts`).
 */
import { assertNever, EngineError } from '../errors.ts';

/** The status of a call (`status:` of its definition). */
export type CallStatus = 'draft' | 'published' | 'closed';

/**
 * How the engine treats statuses: `enforce` (the server, the default) or `trial` (scenarios, simulations,
 * impact previews: every call runs as if published, since that is how a draft or a change is tried).
 */
export type StatusPolicy = 'enforce' | 'trial';

/** What someone asks of a call. */
export type CallAction = 'application' | 'referral' | 'event';

/** The call as the gate needs it. */
export interface GatedCall {
  id: string;
  title: string;
  status: CallStatus;
}

const ACTION_WORDS: Record<CallAction, string> = {
  application: 'une candidature',
  referral: 'une orientation vers une mesure',
  event: 'un événement',
};

/**
 * Refuses `action` on `call` when its status forbids it (`appel-brouillon`, `appel-clos`), with a French
 * message saying why and what to do. Does nothing in `trial` mode.
 * @example
 * admitCallAction('enforce', { id: 'x-2026', title: 'X', status: 'draft' }, 'application'); // throws appel-brouillon
 */
export function admitCallAction(policy: StatusPolicy, call: GatedCall, action: CallAction): void {
  if (policy === 'trial') return;
  switch (call.status) {
    case 'published':
      return;
    case 'draft':
      throw new EngineError(
        'appel-brouillon',
        `L'appel « ${call.title} » (${call.id}) est un brouillon : il ne reçoit ni candidature, ni orientation, ni événement tant qu'il n'est pas publié. Ce refus concerne ${ACTION_WORDS[action]} ; le Département publie l'appel en écrivant « status: published » dans sa définition.`,
        { call: call.id, status: call.status, action },
      );
    case 'closed':
      if (action === 'event') return;
      throw new EngineError(
        'appel-clos',
        `L'appel « ${call.title} » (${call.id}) est clos : il ne reçoit plus ${ACTION_WORDS[action]}. Les mesures et bilans en cours vont à leur terme ; une nouvelle demande relève de l'appel de l'année suivante.`,
        { call: call.id, status: call.status, action },
      );
    default:
      return assertNever(call.status);
  }
}
