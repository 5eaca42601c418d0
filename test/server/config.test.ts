import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, resolveServerConfig } from '../../server/config.ts';
import { simulatedClock } from '../../server/simulated-clock.ts';

describe('server configuration', () => {
  it('defaults to loopback, port 3000, ./dispositifs.sqlite, definitions/ and the demo tokens', () => {
    expect(resolveServerConfig({}, {})).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: './dispositifs.sqlite',
      definitions: ['definitions'],
      tokens: 'config/tokens.demo.yaml',
    });
  });

  it('reads the environment, and flags win over it', () => {
    const env = { PORT: '8080', HOST: '0.0.0.0', DISPOSITIFS_DB: '/tmp/x.sqlite', DISPOSITIFS_DEFINITIONS: 'a, b', DISPOSITIFS_TOKENS: 't.yaml' };
    expect(resolveServerConfig({}, env)).toMatchObject({ port: 8080, host: '0.0.0.0', database: '/tmp/x.sqlite', definitions: ['a', 'b'], tokens: 't.yaml' });
    expect(resolveServerConfig({ port: '0', db: ':memory:' }, env)).toMatchObject({ port: 0, database: ':memory:', host: '0.0.0.0' });
  });

  it('names the flag or variable of a malformed port', () => {
    expect(() => resolveServerConfig({ port: 'abc' }, {})).toThrow(/--port : port invalide « abc »/);
    expect(() => resolveServerConfig({}, { PORT: '70000' })).toThrow(/PORT : port invalide/);
  });
});

describe('the database location', () => {
  it('reads DATABASE_URL before DISPOSITIFS_DB, as dispositifs migrate does', () => {
    expect(resolveServerConfig({}, { DISPOSITIFS_DB: 'a.sqlite' }).database).toBe('a.sqlite');
    expect(resolveServerConfig({}, { DISPOSITIFS_DB: 'a.sqlite', DATABASE_URL: 'postgres://db/x' }).database).toBe('postgres://db/x');
    expect(resolveServerConfig({ db: 'b.sqlite' }, { DATABASE_URL: 'postgres://db/x' }).database).toBe('b.sqlite');
  });
});

describe('the simulated date', () => {
  it('reads --date or DISPOSITIFS_DATE, and refuses anything but a calendar date', () => {
    expect(resolveServerConfig({ date: '2024-04-15' }, {}).simulatedDate).toBe('2024-04-15');
    expect(resolveServerConfig({}, { DISPOSITIFS_DATE: '2025-04-01' }).simulatedDate).toBe('2025-04-01');
    expect(resolveServerConfig({}, {}).simulatedDate).toBeUndefined();
    expect(() => resolveServerConfig({ date: '2024-02-30' }, {})).toThrow(/--date : date invalide « 2024-02-30 »/);
  });

  it('starts the clock on that day in Paris and lets it run at the real pace', () => {
    let real = Date.UTC(2026, 10, 22, 15, 0, 0);
    const clock = simulatedClock('2024-04-15', () => real);
    expect(clock.now().toISOString()).toBe('2024-04-15T07:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2024-04-15T07:01:30.000Z');
  });
});
