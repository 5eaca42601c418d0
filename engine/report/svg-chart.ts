/**
 * Bar charts as inline SVG text, made here (no script, no CDN): columns for months, horizontal bars for
 * territories and other categories. A masked value is drawn as an empty outlined bar labelled « < 5 ».
 */
import { escapeHtml } from './html-escape.ts';

/** One bar: its label, its value (null when masked or missing) and the text shown at its end. */
export interface ChartBar {
  label: string;
  value: number | null;
  text: string;
  masked?: boolean;
}

const WIDTH = 640;
const BAR_COLOR = '#2b6a99';
const MASKED_COLOR = '#9aa5b1';

/**
 * Columns, one per bar (months): labels under the axis, values above the columns.
 * @example columnChart('Par mois', [{ label: 'janv. 2025', value: 12, text: '12' }])
 */
export function columnChart(title: string, bars: ChartBar[]): string {
  const height = 240;
  const [top, bottom, left, right] = [24, 56, 12, 12];
  const plot = { width: WIDTH - left - right, height: height - top - bottom };
  const max = maxOf(bars);
  const slot = plot.width / Math.max(bars.length, 1);
  const barWidth = Math.max(4, Math.min(48, slot * 0.7));
  const parts = bars.map((bar, index) => {
    const x = left + index * slot + (slot - barWidth) / 2;
    const h = bar.value === null || max === 0 ? 0 : Math.max(0, (bar.value / max) * plot.height);
    const y = top + plot.height - h;
    const center = x + barWidth / 2;
    const shape = bar.masked
      ? `<rect x="${n(x)}" y="${n(top + plot.height - 12)}" width="${n(barWidth)}" height="12" fill="none" stroke="${MASKED_COLOR}" stroke-dasharray="3 2"/>`
      : `<rect x="${n(x)}" y="${n(y)}" width="${n(barWidth)}" height="${n(h)}" fill="${BAR_COLOR}"/>`;
    const valueY = bar.masked ? top + plot.height - 16 : y - 4;
    return (
      `<g><title>${escapeHtml(`${bar.label} : ${bar.text}`)}</title>${shape}` +
      `<text x="${n(center)}" y="${n(valueY)}" text-anchor="middle" font-size="11">${escapeHtml(bar.text)}</text>` +
      `<text x="${n(center)}" y="${n(top + plot.height + 14)}" text-anchor="end" font-size="11" transform="rotate(-40 ${n(center)} ${n(top + plot.height + 14)})">${escapeHtml(bar.label)}</text></g>`
    );
  });
  const axis = `<line x1="${left}" y1="${top + plot.height}" x2="${WIDTH - right}" y2="${top + plot.height}" stroke="#444"/>`;
  return svg(title, height, [axis, ...parts].join(''));
}

/**
 * Horizontal bars, one per line (territories, operators, values of a field): labels on the left.
 * @example barChart('Par territoire', [{ label: 'Artois', value: 10, text: '10' }])
 */
export function barChart(title: string, bars: ChartBar[]): string {
  const row = 22;
  const [top, bottom, labelWidth, right] = [8, 8, 240, 70];
  const height = top + bottom + row * Math.max(bars.length, 1);
  const plotWidth = WIDTH - labelWidth - right;
  const max = maxOf(bars);
  const parts = bars.map((bar, index) => {
    const y = top + index * row;
    const w = bar.value === null || max === 0 ? 0 : Math.max(0, (bar.value / max) * plotWidth);
    const shape = bar.masked
      ? `<rect x="${labelWidth}" y="${n(y + 4)}" width="24" height="${row - 8}" fill="none" stroke="${MASKED_COLOR}" stroke-dasharray="3 2"/>`
      : `<rect x="${labelWidth}" y="${n(y + 4)}" width="${n(w)}" height="${row - 8}" fill="${BAR_COLOR}"/>`;
    const end = labelWidth + (bar.masked ? 24 : w) + 6;
    return (
      `<g><title>${escapeHtml(`${bar.label} : ${bar.text}`)}</title>` +
      `<text x="${labelWidth - 8}" y="${n(y + row / 2 + 4)}" text-anchor="end" font-size="11">${escapeHtml(truncate(bar.label, 36))}</text>${shape}` +
      `<text x="${n(end)}" y="${n(y + row / 2 + 4)}" font-size="12">${escapeHtml(bar.text)}</text></g>`
    );
  });
  const axis = `<line x1="${labelWidth}" y1="${top}" x2="${labelWidth}" y2="${height - bottom}" stroke="#444"/>`;
  return svg(title, height, [axis, ...parts].join(''));
}

function svg(title: string, height: number, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}" font-family="system-ui, sans-serif">` +
    `<title>${escapeHtml(title)}</title>${body}</svg>`
  );
}

function maxOf(bars: ChartBar[]): number {
  return bars.reduce((max, bar) => (bar.value !== null && bar.value > max ? bar.value : max), 0);
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
