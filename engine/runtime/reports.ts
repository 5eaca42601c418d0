/**
 * The reports an agreement owes: at signature, one report instance per entry of the call's `reports`,
 * with its due date computed on the calendar (for example 6 months after the end of the agreement).
 */
import type { CompiledCall, InstanceContext } from '../compile/index.ts';
import type { Anchor } from '../definition/index.ts';
import type { InstanceRecord, StoreSession } from '../store/index.ts';
import { addDuration, isPlainDate, type PlainDateString } from '../time/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { insertNewInstance } from './instances.ts';
import type { StepClock } from './step.ts';

/** The day a report's deadline counts from, for an agreement signed on `signed`. */
function reportAnchor(anchor: Anchor, call: CompiledCall, agreement: InstanceContext, signed: PlainDateString): PlainDateString | undefined {
  const window = agreement.territory === null ? undefined : call.windowFor(agreement.territory)?.agreement;
  if (anchor === 'agreement.start' || anchor === 'start') return window?.start;
  if (anchor === 'agreement.end' || anchor === 'end') return window?.end;
  if (anchor === 'entered') return signed;
  const value = agreement.data[anchor.slice('field:'.length)];
  return isPlainDate(value) ? value : undefined;
}

/** Creates the agreement's reports (data: `rapport`, `nature`, `echeance`) in the step's transaction. */
export async function createReports(tx: StoreSession, call: CompiledCall, agreement: InstanceRecord, context: InstanceContext, clock: StepClock): Promise<void> {
  for (const [id, report] of Object.entries(call.definition.reports ?? {})) {
    const from = reportAnchor(report.due.from, call, context, clock.date);
    const data: Record<string, unknown> = { rapport: id, nature: report.kind };
    if (from !== undefined) data.echeance = addDuration(from, report.due.after);
    await insertNewInstance(tx, {
      id: `${agreement.id}.${id}`, call, lifecycle: call.report, kind: 'report', measureKind: null, reportId: id,
      operatorId: agreement.operatorId, territory: agreement.territory, parentId: agreement.id, data, payload: { report: id, data },
      actor: SYSTEM_ACTOR,
    }, clock);
  }
}
