/**
 * The SVG diagrams of a call, drawn once per definition hash (a call page is read far more often than a
 * definition changes), and made accessible for inlining.
 */
import { drawCall, type DrawnMachine } from '../../engine/diagram/index.ts';
import type { Call } from '../../engine/definition/index.ts';

const MAX_ENTRIES = 64;

/** Draws and keeps the diagrams of recently seen definitions. */
export class DiagramCache {
  private readonly entries = new Map<string, Promise<DrawnMachine[]>>();

  /** The SVG diagram of every lifecycle of a call, ready to inline (`role="img"` and a French label). */
  svgs(call: { hash: string; definition: Call }): Promise<DrawnMachine[]> {
    const cached = this.entries.get(call.hash);
    if (cached !== undefined) return cached;
    const drawn = drawCall(call.definition, { format: 'svg', titled: false }).then((machines) => machines.map(accessible));
    drawn.catch(() => this.entries.delete(call.hash));
    this.entries.set(call.hash, drawn);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return drawn;
  }
}

/** Gives the inline SVG an image role and a French accessible name. */
function accessible(machine: DrawnMachine): DrawnMachine {
  const label = `Diagramme d'états : ${machine.title}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return { ...machine, text: machine.text.replace(/^<svg\b/, `<svg role="img" aria-label="${label}"`) };
}
