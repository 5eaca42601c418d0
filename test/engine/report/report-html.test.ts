import { describe, expect, it } from 'vitest';
import { barChart, columnChart, renderHtml } from '../../../engine/report/index.ts';
import { sampleReport } from './sample-report.ts';

describe('the report as an HTML page', () => {
  const html = renderHtml(sampleReport());

  it('is one French page that fetches nothing: no script, no external stylesheet, image or font', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(html.match(/https?:\/\/[^"]+/g)).toEqual(expect.arrayContaining(['http://www.w3.org/2000/svg']));
    expect(new Set(html.match(/https?:\/\/[^"]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('draws the breakdown by month as columns and the one by territory as bars, inline SVG', () => {
    const charts = html.match(/<svg[^>]*aria-label="([^"]+)"/g) ?? [];
    expect(charts).toHaveLength(2);
    expect(html).toContain('aria-label="Par mois"');
    expect(html).toContain('aria-label="Par territoire"');
    expect(html).toContain('>nov. 2024</text>');
    expect(html).toContain('>12</text>');
  });

  it('writes amounts and dates the French way, and masked counts as « < 5 »', () => {
    expect(html).toContain('Total : 17');
    expect(html).toContain('12\u00a0345,67\u00a0€');
    expect(html).toContain('Moyenne : 7,46');
    expect(html).toContain('rapport du 31/03/2025');
    expect(html).toContain('>&lt; 5</text>');
    expect(html).toContain('Les effectifs inférieurs à 5 sont masqués');
    expect(html).toContain('17 sur 25 mesures (ASTRE)');
  });

  it('escapes every label', () => {
    expect(html).not.toContain('<b>');
    expect(html).toContain('=Ternois &lt;b&gt;');
  });

  it('says why an indicator is withheld', () => {
    expect(html).toContain('Indicateur réservé : il porte sur « Ressources » (ressources)');
  });
});

describe('SVG charts', () => {
  it('scales bars to the largest value and outlines a masked one', () => {
    const svg = barChart('Par territoire', [
      { label: 'Artois', value: 10, text: '10' },
      { label: 'Boulonnais', value: 5, text: '5' },
      { label: 'Ternois', value: null, text: '< 5', masked: true },
    ]);
    const widths = [...svg.matchAll(/<rect x="240" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([330, 165, 24]);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('<title>Ternois : &lt; 5</title>');
  });

  it('draws one column per month, even with no data', () => {
    expect(columnChart('Par mois', []).startsWith('<svg')).toBe(true);
    const svg = columnChart('Par mois', [
      { label: 'janv. 2025', value: 0, text: '0' },
      { label: 'févr. 2025', value: 4, text: '4' },
    ]);
    expect(svg.match(/<rect /g)).toHaveLength(2);
  });
});
