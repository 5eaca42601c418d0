/**
 * The progress bar of the commands that read a whole database (impact, verify, migrate-instances); they
 * open it with `openCliStore` (`open-database.ts`).
 */
/** A progress bar on the standard error, redrawn in place at most every 100 ms; silent unless it is a terminal. */
export function progressBar(): { update: (label: string, done: number, total: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
  let last = 0;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const ratio = total === 0 ? 1 : done / total;
      const bar = '█'.repeat(Math.round(ratio * 20)).padEnd(20, '░');
      const line = `${bar} ${Math.floor(ratio * 100)} % ${label} (${done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} événements)`;
      process.stderr.write(`\r${line.slice(0, width).padEnd(width)}`);
    },
    done() {
      process.stderr.write(`\r${' '.repeat(width)}\r`);
    },
  };
}
