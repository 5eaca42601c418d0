/**
 * The 2026 mobile-teams call as the officer wrote it, with each of the mistakes they met: what
 * `extends` means (citations replaced whole, aged inherited text warned at the parent), values checked
 * against fields, and every independent mistake reported in one run, each with its fix.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepository, type Finding } from '../../../engine/definition/index.ts';

const files = (await readdir('definitions', { recursive: true })).filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'));
const FILE = 'definitions/2026/equipes-mobiles-2026.yaml';
// The officer writes this very file: a shipped call of the same id (a real 2026 call, once there is one) is
// the file being rewritten, so it is left out.
const shipped = (await Promise.all(files.map(async (f) => ({ file: join('definitions', f), text: await readFile(join('definitions', f), 'utf8') }))))
  .filter((s) => s.file !== FILE && !/^id: equipes-mobiles-2026\s*$/m.test(s.text));

const child = (lines: string[]) => [
  'kind: call',
  'extends: equipes-mobiles-2025',
  'id: equipes-mobiles-2026',
  'year: 2026',
  'windows:',
  '  ami-1-et-2:',
  '    application: { start: 2026-01-12, end: 2026-02-13 }',
  '    agreement: { start: 2026-01-01, end: 2026-12-31 }',
  ...lines,
].join('\n');

function build(lines: string[]) {
  const repository = buildRepository([...shipped, { file: FILE, text: child(lines) }]);
  const mine = repository.findings.filter((f) => f.file === FILE || f.message.includes('equipes-mobiles-2026'));
  return { repository, mine, line: (code: string) => mine.filter((f) => f.code === code) };
}

const TARIFF = [
  'measures:',
  '  equipe-mobile:',
  '    tariff:',
  '      parts:',
  '        accompagnement:',
  '          price: "58 €"',
  '          source: { document: equipes-mobiles-2026.txt, section: "FINANCEMENT" }',
];

describe('a child call says what it means', () => {
  it('replaces a citation whole: no line or choice of the 2024 document survives', () => {
    const { repository, mine } = build(TARIFF);
    expect(mine.filter((f: Finding) => f.severity === 'error')).toEqual([]);
    const part = repository.calls.get('equipes-mobiles-2026')?.definition.measures?.['equipe-mobile']?.tariff;
    const source = (part as { parts: Record<string, { source?: object; price: string }> }).parts['accompagnement'];
    expect(source?.price).toBe('58 €');
    expect(source?.source).toEqual({ document: 'equipes-mobiles-2026.txt', section: 'FINANCEMENT' });
  });

  it("warns about inherited text that names an earlier year, at the parent's line, naming the child", () => {
    const { repository, line } = build(TARIFF);
    const stale = line('annee-heritee-perimee');
    const note = stale.find((f) => f.path === '/funding/envelope/note');
    const parentText = shipped.find((s) => s.file.endsWith('equipes-mobiles-2025.yaml'))!.text.split('\n');
    expect(note).toMatchObject({ severity: 'warning', file: 'definitions/2025/equipes-mobiles-2025.yaml', line: parentText.findIndex((l) => l.includes("pour l'année 2025")) + 1 });
    expect(note?.message).toContain("L'appel « equipes-mobiles-2026 » (2026) reprend ce texte, qui nomme l'année 2025");
    // Rewritten in the child, it is no longer warned.
    const rewritten = build([...TARIFF, 'funding:', '  envelope:', '    note: Liée au financement du Logement d\'abord pour l\'année 2026.']);
    expect(rewritten.line('annee-heritee-perimee').find((f) => f.path === '/funding/envelope/note')).toBeUndefined();
    expect(repository.calls.has('equipes-mobiles-2026')).toBe(true);
  });

  it('checks filter, eligibility and guard values against the field', () => {
    const { line } = build([
      'indicators:',
      '  maintiens:',
      '    label: Ménages maintenus',
      '    kind: count',
      '    of: measures',
      '    measure: equipe-mobile',
      '    where: { issue: maintient }',
      'measures:',
      '  equipe-mobile:',
      '    beneficiary:',
      '      eligibility:',
      '        en-impayes-de-loyer:',
      '          schema: { properties: { impayes-loyer: { const: "oui" } } }',
    ]);
    expect(line('valeur-hors-champ').map((f) => [f.line, f.message])).toEqual([
      [15, expect.stringContaining('« maintient » n\'est pas une valeur du champ « issue » (Issue de l\'intervention) : vouliez-vous dire « maintien » ?')],
      [21, expect.stringContaining('vaut true ou false, et non « oui »')],
    ]);
  });
});

describe('every finding at once, each with its fix', () => {
  it('reports a money written as a number, an inverted window and a wrong filter value in one run', () => {
    const text = child([
      'indicators:',
      '  maintiens: { label: Ménages maintenus, kind: count, of: measures, measure: equipe-mobile, where: { issue: maintient } }',
      'measures:',
      '  equipe-mobile:',
      '    tariff: { parts: { accompagnement: { price: 58 } } }',
    ]).replace('application: { start: 2026-01-12, end: 2026-02-13 }', 'application: { start: 2026-02-13, end: 2026-01-12 }');
    const repository = buildRepository([...shipped, { file: FILE, text }]);
    const errors = repository.findings.filter((f) => f.file === FILE && f.severity === 'error');
    expect(errors.map((f) => [f.code, f.line])).toEqual([['fenetre-inversee', 7], ['valeur-hors-champ', 10], ['type-invalide', 13]]);
    expect(errors[0]?.message).toContain("se ferme le 12/01/2026, avant de s'ouvrir le 13/02/2026");
    expect(errors[2]?.message).toContain('écrivez « 58 € »');
  });

  it('suggests the parent a mistyped extends meant', () => {
    const repository = buildRepository([...shipped, { file: FILE, text: child([]).replace('extends: equipes-mobiles-2025', 'extends: equipes-mobile-2025') }]);
    const found = repository.findings.find((f) => f.file === FILE && f.code === 'extends-introuvable');
    expect(found?.message).toContain('vouliez-vous dire « equipes-mobiles-2025 » ?');
  });
});
