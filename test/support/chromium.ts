/**
 * Chromium for a browser suite: launched headless through playwright-core when the global setup found it;
 * otherwise the suite is declared skipped (the global setup said once why; under CI it refused to go on).
 * @module
 */
import { chromium, type Browser } from 'playwright-core';
import { describe, inject } from 'vitest';

const part = inject('chromium');

/** The arguments every browser suite launches Chromium with. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** `describe` for a suite that needs Chromium: skipped when it is absent. */
export const describeBrowser: typeof describe = (part.kind === 'found' ? describe : describe.skip) as typeof describe;

/** Launches the Chromium the global setup found. */
export function launchChromium(): Promise<Browser> {
  if (part.kind === 'absent') throw new Error(part.why);
  return chromium.launch({ executablePath: part.path, args: CHROMIUM_ARGS });
}
