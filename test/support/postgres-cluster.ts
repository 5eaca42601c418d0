/**
 * A private PostgreSQL cluster for the tests: `initdb` and `pg_ctl` from Debian's package
 * (`/usr/lib/postgresql/<version>/bin`) under a temporary folder, listening on 127.0.0.1 on a free port,
 * trust authentication, no fsync (the data is thrown away). As root (CI), the server runs as the
 * `postgres` user, since PostgreSQL refuses to run as root.
 * @module
 */
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running private cluster: its URL (superuser, database `postgres`) and how to stop it. */
export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

/** Where the server binaries are, or why there are none. */
export type PostgresBinaries = { kind: 'found'; dir: string } | { kind: 'absent'; why: string };

const SUPERUSER = 'dispositifs';

/** Finds `initdb` and `pg_ctl`: in `$POSTGRES_BIN` only when set, else the newest `/usr/lib/postgresql/<version>/bin`. */
export function findPostgresBinaries(): PostgresBinaries {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN) candidates.push(process.env.POSTGRES_BIN);
  const root = '/usr/lib/postgresql';
  if (!process.env.POSTGRES_BIN && existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  const dir = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (dir) return { kind: 'found', dir };
  return {
    kind: 'absent',
    why: `PostgreSQL introuvable (initdb et pg_ctl cherchés dans ${candidates.join(', ') || `${root}/*/bin`}) : installer « sudo apt-get install postgresql » (ou .ci/setup.d/postgresql.sh), ou indiquer POSTGRES_BIN ou TEST_POSTGRES_URL.`,
  };
}

/** The user the server runs as: ourselves, or `postgres` (else `nobody`) when we are root. */
function serverUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { name, uid, gid };
    } catch {
      // try the next one
    }
  }
  throw new Error("Impossible de lancer PostgreSQL en root : aucun utilisateur « postgres » ni « nobody ».");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a private cluster and returns its URL. A watchdog stops it if this process dies without
 * calling `stop()`, so that no orphan server outlives a killed test run.
 * @example
 * const cluster = await startPostgresCluster(bin.dir);
 * // … postgres://dispositifs@127.0.0.1:<port>/postgres
 * await cluster.stop();
 */
export async function startPostgresCluster(binDir: string): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'dispositifs-pg-'));
  const data = join(dir, 'data');
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (program: string, args: string[]) => {
    const file = join(binDir, program);
    const [cmd, argv] = user ? ['runuser', ['-u', user.name, '--', file, ...args]] : [file, args];
    return execFileSync(cmd, argv, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  const pgCtl = [join(binDir, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
  try {
    run('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    appendFileSync(
      join(data, 'postgresql.conf'),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        `unix_socket_directories = '${dir}'`,
        'max_connections = 300',
        // Throw-away test data: durability on disk is not what these tests are about.
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        "timezone = 'UTC'",
        '',
      ].join('\n'),
    );
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    const watchdog = spawn(
      'sh',
      ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${user ? `runuser -u ${user.name} -- ` : ''}${pgCtl.join(' ')} >/dev/null 2>&1; rm -rf '${dir}'`],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
    return {
      url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          run('pg_ctl', pgCtl.slice(1));
        } finally {
          watchdog.kill();
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', pgCtl.slice(1));
    } catch {
      // it did not start: nothing to stop
    }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Le serveur PostgreSQL de test n'a pas démarré : ${stderr || String(error)}\n${log}`);
  }
}
