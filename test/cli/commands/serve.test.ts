import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'dispositifs-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ENV = { ...process.env, DATABASE_URL: '', DISPOSITIFS_DB: '', PORT: '', HOST: '', DISPOSITIFS_TOKENS: '', DISPOSITIFS_DEFINITIONS: '' };

describe('dispositifs serve', () => {
  it('starts on a fresh database, says where in French, answers, and stops cleanly on SIGTERM', async () => {
    const database = join(dir, 'neuve.sqlite');
    const child = spawn(process.execPath, ['bin/dispositifs.js', 'serve', '--port', '0', '--db', database], { env: ENV });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1] !== undefined && stdout.includes('Ctrl+C')) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`sorti (${code}) : ${stderr}`)));
    });
    expect(stdout).toMatch(/\d+ définitions chargées depuis definitions : .*prevention-expulsions-2024/);
    expect(stdout).toContain('Jetons de démonstration');
    expect(existsSync(database)).toBe(true);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const definitions = await fetch(`${url}/definitions`, { headers: { authorization: 'Bearer demo-departement' } });
    expect(definitions.status).toBe(200);

    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (exit) => resolve(exit));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Serveur arrêté, base de données fermée.');
    expect(stderr).toBe('');
  }, 60_000);

  it('refuses a malformed port as a usage error (exit 2), naming the flag', () => {
    const run = spawnSync(process.execPath, ['bin/dispositifs.js', 'serve', '--port', 'trois-mille'], { encoding: 'utf8', env: ENV });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--port : port invalide « trois-mille »');
  });

  it('says in French when the tokens file is missing (exit 1)', () => {
    const run = spawnSync(process.execPath, ['bin/dispositifs.js', 'serve', '--port', '0', '--db', ':memory:', '--tokens', join(dir, 'absent.yaml')], {
      encoding: 'utf8',
      env: ENV,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Fichier de jetons introuvable');
  });

  it('has French help', () => {
    const run = spawnSync(process.execPath, ['bin/dispositifs.js', 'serve', '--help'], { encoding: 'utf8', env: ENV });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Démarre l'API HTTP");
    expect(run.stdout).toContain('--tokens');
  });
});
