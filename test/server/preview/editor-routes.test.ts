/**
 * The editor's routes over HTTP (no browser): the page under its CSP, the form path that works without
 * script (validation and download of the text sent) and the bundled script.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { previewFixture } from './fixture.ts';

let fixture: Awaited<ReturnType<typeof previewFixture>>;
beforeAll(async () => {
  fixture = await previewFixture();
});

function postForm(path: string, fields: Record<string, string>): Promise<Response> {
  return Promise.resolve(fixture.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
}

describe('the editor routes', () => {
  it('serves the editor page under a CSP that allows this server only, with a fresh nonce for the editor’s styles', async () => {
    const first = await fixture.app.request('/editeur?appel=prevention-expulsions-2024');
    const second = await fixture.app.request('/editeur?appel=prevention-expulsions-2024');
    const policy = first.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(await first.text()).toContain(`data-nonce="${nonce}"`);
    expect(second.headers.get('content-security-policy')).not.toBe(policy);
  });

  it('validates the text its form sends (no script): the page comes back with the text and its findings', async () => {
    const call = fixture.repository.calls.get('prevention-expulsions-2024')!;
    const text = fixture.repository.sources.get(call.file)!.replace('target: cloturee,', 'target: cloture,');
    const response = await postForm('/editeur', { yaml: text.replaceAll('\n', '\r\n'), file: call.file, appel: call.id });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('data-state="invalid"');
    const line = text.split('\n').findIndex((row) => row.includes('target: cloture,')) + 1;
    expect(page).toContain(`Ligne ${line}`);
    expect(page).toContain('target: cloture,');
    expect(page).not.toContain('\r');
  });

  it('gives the text typed back as a YAML file named after the definition, line breaks as in the editor', async () => {
    const response = await postForm('/editeur/telechargement', { yaml: 'kind: call\r\nid: essai\r\n', file: 'definitions/2026/essai-2026.yaml' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/yaml');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="essai-2026.yaml"');
    expect(await response.text()).toBe('kind: call\nid: essai\n');
  });

  it('refuses a form without text, a file name that climbs out, and what is not a form', async () => {
    expect((await postForm('/editeur/telechargement', { file: 'essai.yaml' })).status).toBe(400);
    expect((await postForm('/editeur/telechargement', { yaml: 'kind: call', file: '../../etc/passwd' })).status).toBe(400);
    const json = await fixture.app.request('/editeur', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"yaml":"kind: call"}' });
    expect(json.status).toBe(415);
    expect((await postForm('/editeur', { yaml: 'x'.repeat(600 * 1024) })).status).toBe(413);
  });

  it('serves the bundled CodeMirror editor with the schema’s French documentation in it', async () => {
    const response = await fixture.app.request('/ressources/editeur.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    const script = await response.text();
    // Booleans, not toContain: a failure would print the whole bundle.
    expect(script.includes('cm-editor')).toBe(true);
    expect(script.includes('Nature du fichier')).toBe(true);
  });
});
