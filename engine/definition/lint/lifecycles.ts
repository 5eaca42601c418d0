/**
 * Lifecycle checks: every reference resolves (states, events, guards, timers, acts, fields), every state
 * is reachable from the initial one, and every state that is not final has a way out.
 */
import type { Effect, Lifecycle, Transition } from '../definition-types.ts';
import type { Finding } from '../finding.ts';
import { childPointer } from '../json-pointer.ts';
import { assertNever } from '../../errors.ts';
import { finding, knownHint, lifecycleScopes, schemaProperties, type LifecycleScope, type LintContext } from './lint-context.ts';

/** Checks every lifecycle of the call. */
export function lintLifecycles(context: LintContext): Finding[] {
  return lifecycleScopes(context.call).flatMap((scope) => lintLifecycle(context, scope));
}

/** The transitions of an `on` entry with their pointers (one object or a list). */
export function transitionsOf(entry: Transition | Transition[], pointer: string): { transition: Transition; pointer: string }[] {
  return Array.isArray(entry)
    ? entry.map((transition, index) => ({ transition, pointer: childPointer(pointer, index) }))
    : [{ transition: entry, pointer }];
}

function lintLifecycle(context: LintContext, scope: LifecycleScope): Finding[] {
  const { lifecycle, pointer, owner } = scope;
  const findings: Finding[] = [];
  const states = lifecycle.states ?? {};
  const stateIds = Object.keys(states);
  const events = lifecycle.events ?? {};
  const guards = lifecycle.guards ?? {};
  const quotas = Object.keys(context.call.funding.quotas ?? {});
  const usedEvents = new Set<string>();
  const usedGuards = new Set<string>();

  if (stateIds.length === 0) {
    findings.push(finding(context, 'cycle-sans-etat', 'error', pointer, `Le cycle de vie de ${owner} n'a aucun état : ajoutez states.`, true));
    return findings;
  }
  if (lifecycle.initial === undefined) {
    findings.push(finding(context, 'etat-initial-manquant', 'error', pointer, `Le cycle de vie de ${owner} n'a pas d'état initial : ajoutez « initial: ${stateIds[0]} » (par exemple).`, true));
  } else if (!(lifecycle.initial in states)) {
    findings.push(finding(context, 'etat-inconnu', 'error', `${pointer}/initial`, `État initial « ${lifecycle.initial} » inconnu${knownHint(lifecycle.initial, stateIds)}`));
  }

  for (const [stateId, state] of Object.entries(states)) {
    const statePointer = childPointer(`${pointer}/states`, stateId);
    let exits = 0;
    for (const [eventId, entry] of Object.entries(state.on ?? {})) {
      const onPointer = childPointer(`${statePointer}/on`, eventId);
      usedEvents.add(eventId);
      const event = events[eventId];
      if (event === undefined) {
        findings.push(finding(context, 'evenement-inconnu', 'error', onPointer, `Événement « ${eventId} » inconnu dans l'état « ${stateId} »${knownHint(eventId, Object.keys(events))} Déclarez-le sous events.`, true));
      }
      const payloadFields = schemaProperties(event?.payload);
      for (const { transition, pointer: at } of transitionsOf(entry, onPointer)) {
        if (transition.target !== undefined && !(transition.target in states)) {
          findings.push(finding(context, 'etat-inconnu', 'error', `${at}/target`, `État cible « ${transition.target} » inconnu${knownHint(transition.target, stateIds)}`));
        }
        if (transition.target !== undefined && transition.target !== stateId) exits += 1;
        const guardList = transition.guard === undefined ? [] : Array.isArray(transition.guard) ? transition.guard : [transition.guard];
        guardList.forEach((guardId, index) => {
          usedGuards.add(guardId);
          if (guardId in guards) return;
          const guardPointer = Array.isArray(transition.guard) ? childPointer(`${at}/guard`, index) : `${at}/guard`;
          findings.push(finding(context, 'garde-inconnue', 'error', guardPointer, `Garde « ${guardId} » inconnue${knownHint(guardId, Object.keys(guards))} Déclarez-la sous guards.`));
        });
        (transition.effects ?? []).forEach((effect, index) => {
          findings.push(...lintEffect(context, scope, effect, `${at}/effects/${index}`, eventId, payloadFields));
        });
      }
    }
    for (const [timerId, timer] of Object.entries(state.timers ?? {})) {
      const timerPointer = childPointer(`${statePointer}/timers`, timerId);
      usedEvents.add(timer.send);
      if (!(timer.send in events)) {
        findings.push(finding(context, 'minuterie-evenement-inconnu', 'error', `${timerPointer}/send`, `La minuterie « ${timerId} » envoie l'événement « ${timer.send} », inconnu${knownHint(timer.send, Object.keys(events))}`));
      } else if (!(timer.send in (state.on ?? {}))) {
        findings.push(finding(context, 'minuterie-sans-effet', 'warning', `${timerPointer}/send`, `La minuterie « ${timerId} » envoie « ${timer.send} », que l'état « ${stateId} » n'accepte pas : ajoutez-le sous on, sinon elle n'aura aucun effet.`));
      }
      findings.push(...lintAnchorField(context, scope, timer.at.from, `${timerPointer}/at/from`));
    }
    if (state.type === 'final') {
      if (exits > 0) findings.push(finding(context, 'etat-final-avec-sortie', 'warning', statePointer, `L'état final « ${stateId} » a des transitions vers d'autres états : une instance terminée ne bouge plus, retirez-les ou retirez « type: final ».`, true));
    } else if (exits === 0) {
      findings.push(finding(context, 'etat-sans-issue', 'error', statePointer, `L'état « ${stateId} » n'est pas final mais n'a aucune transition vers un autre état : une instance y resterait bloquée. Ajoutez une transition (on: …: { target: … }) ou « type: final ».`, true));
    }
  }

  for (const stateId of unreachable(lifecycle)) {
    findings.push(finding(context, 'etat-inaccessible', 'warning', childPointer(`${pointer}/states`, stateId), `L'état « ${stateId} » est inaccessible : aucune transition n'y mène depuis l'état initial « ${lifecycle.initial ?? ''} ».`, true));
  }
  for (const eventId of Object.keys(events)) {
    if (!usedEvents.has(eventId)) findings.push(finding(context, 'evenement-inutilise', 'warning', childPointer(`${pointer}/events`, eventId), `L'événement « ${eventId} » n'est accepté par aucun état ni envoyé par aucune minuterie.`, true));
  }
  for (const [eventId, event] of Object.entries(events)) findings.push(...lintReportDuty(context, event, eventId, `${childPointer(`${pointer}/events`, eventId)}/reportWithin`));
  for (const [guardId, guard] of Object.entries(guards)) {
    const guardPointer = childPointer(`${pointer}/guards`, guardId);
    if (!usedGuards.has(guardId)) findings.push(finding(context, 'garde-inutilisee', 'warning', guardPointer, `La garde « ${guardId} » n'est utilisée par aucune transition.`, true));
    if (guard.kind === 'quota' && !quotas.includes(guard.quota)) {
      findings.push(finding(context, 'quota-inconnu', 'error', `${guardPointer}/quota`, `Quota « ${guard.quota} » inconnu${knownHint(guard.quota, quotas)} Déclarez-le sous funding.quotas.`));
    }
  }
  return findings;
}

function lintEffect(
  context: LintContext,
  scope: LifecycleScope,
  effect: Effect,
  pointer: string,
  eventId: string,
  payloadFields: Set<string> | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const messageField = (name: string | undefined, at: string) => {
    if (name === undefined || payloadFields === undefined || payloadFields.has(name)) return;
    findings.push(finding(context, 'champ-message-inconnu', 'warning', at, `Le message de l'événement « ${eventId} » ne déclare pas le champ « ${name} »${knownHint(name, payloadFields)}`));
  };
  switch (effect.kind) {
    case 'set':
      effect.fields.forEach((field, index) => {
        const at = `${pointer}/fields/${index}`;
        if (scope.fields !== undefined && !scope.fields.has(field)) {
          findings.push(finding(context, 'champ-inconnu', 'error', at, `Champ « ${field} » inconnu des données de ${scope.owner}${knownHint(field, scope.fields)}`));
        }
        messageField(field, at);
      });
      break;
    case 'start':
      messageField(effect.date, `${pointer}/date`);
      messageField(effect.entry, `${pointer}/entry`);
      break;
    case 'extend':
      messageField(effect.months, `${pointer}/months`);
      break;
    case 'end':
    case 'suspend':
    case 'resume':
      messageField(effect.date, `${pointer}/date`);
      break;
    case 'act':
      if (!scope.acts.has(effect.act)) {
        findings.push(finding(context, 'acte-inconnu', 'error', `${pointer}/act`, `Acte « ${effect.act} » inconnu de ${scope.owner}${knownHint(effect.act, scope.acts)} Déclarez-le sous acts.`));
      }
      messageField(effect.quantity, `${pointer}/quantity`);
      messageField(effect.amount, `${pointer}/amount`);
      messageField(effect.date, `${pointer}/date`);
      break;
    case 'milestone':
      messageField(effect.amount, `${pointer}/amount`);
      break;
    default:
      assertNever(effect);
  }
  return findings;
}

/** A reporting duty reads the fact's date from a date field of the event's own message. */
function lintReportDuty(context: LintContext, event: NonNullable<Lifecycle['events']>[string], eventId: string, pointer: string): Finding[] {
  const from = event.reportWithin?.from;
  if (from === undefined || !from.startsWith('field:')) return [];
  const field = from.slice('field:'.length);
  const properties = schemaProperties(event.payload);
  if (!properties?.has(field)) {
    const known = properties === undefined ? ' : le message ne déclare aucune propriété.' : knownHint(field, properties);
    return [finding(context, 'signalement-champ-inconnu', 'error', `${pointer}/from`, `Le devoir de signalement de « ${eventId} » lit la date du fait dans « ${field} », absent du message de l'événement${known} Déclarez-le sous payload.properties (type: string, format: date).`)];
  }
  const property = (event.payload?.properties as Record<string, { format?: unknown }> | undefined)?.[field];
  if (property?.format !== 'date') {
    return [finding(context, 'signalement-champ-non-date', 'warning', `${pointer}/from`, `Le devoir de signalement de « ${eventId} » lit la date du fait dans « ${field} », qui n'est pas déclaré comme une date (format: date) : un message sans date valide n'est jamais compté comme tardif.`)];
  }
  return [];
}

function lintAnchorField(context: LintContext, scope: LifecycleScope, anchor: string, pointer: string): Finding[] {
  if (!anchor.startsWith('field:') || scope.fields === undefined) return [];
  const field = anchor.slice('field:'.length);
  if (scope.fields.has(field)) return [];
  return [finding(context, 'champ-inconnu', 'error', pointer, `Champ « ${field} » inconnu des données de ${scope.owner}${knownHint(field, scope.fields)}`)];
}

/** States no transition leads to from the initial state (empty when the initial state is unknown). */
function unreachable(lifecycle: Lifecycle): string[] {
  const states = lifecycle.states ?? {};
  if (lifecycle.initial === undefined || !(lifecycle.initial in states)) return [];
  const seen = new Set<string>([lifecycle.initial]);
  const queue = [lifecycle.initial];
  for (let stateId = queue.shift(); stateId !== undefined; stateId = queue.shift()) {
    for (const [eventId, entry] of Object.entries(states[stateId]?.on ?? {})) {
      for (const { transition } of transitionsOf(entry, eventId)) {
        const target = transition.target;
        if (target !== undefined && target in states && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return Object.keys(states).filter((stateId) => !seen.has(stateId));
}
