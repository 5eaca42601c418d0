/**
 * A headless client of the real yaml-language-server (stdio, JSON-RPC through vscode-jsonrpc), as VS Code's
 * YAML extension drives it: schema store off, the project's schema settings, French locale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node.js';

/** An LSP diagnostic, reduced to what the tests read (0-based positions, as LSP sends them). */
export interface Diagnostic {
  message: string;
  severity?: number;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** A running yaml-language-server and the connection to it. */
export interface YamlLanguageServer {
  open(uri: string, text: string): Promise<Diagnostic[]>;
  hover(uri: string, line: number, character: number): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server with VS Code's settings for this project (`yaml.schemas` from .vscode/settings.json). */
export async function startYamlLanguageServer(root: string, schemas: Record<string, string[]>): Promise<YamlLanguageServer> {
  const require = createRequire(import.meta.url);
  const server = require.resolve('yaml-language-server/bin/yaml-language-server');
  const child: ChildProcess = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.stdout === null || child.stdin === null) throw new Error('yaml-language-server: no stdio');
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = {
    yaml: {
      validate: true,
      hover: true,
      completion: true,
      schemaStore: { enable: false },
      schemas: Object.fromEntries(Object.entries(schemas).map(([schema, globs]) => [pathToFileURL(`${root}/${schema}`).href, globs])),
    },
  };
  const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    waiting.get(params.uri)?.(params.diagnostics);
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === undefined ? settings : (settings as Record<string, unknown>)[item.section.split('.')[0] ?? ''])),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();

  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'dispositifs' }],
    locale: 'fr',
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: {},
        hover: { contentFormat: ['markdown', 'plaintext'] },
        synchronization: { didSave: true },
      },
    },
  });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings });

  let version = 0;
  return {
    async open(uri, text) {
      const published = new Promise<Diagnostic[]>((resolve) => waiting.set(uri, resolve));
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: (version += 1), text } });
      const diagnostics = await published;
      waiting.delete(uri);
      return diagnostics;
    },
    async hover(uri, line, character) {
      const result = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as {
        contents?: { value?: string } | string;
      } | null;
      const contents = result?.contents;
      return typeof contents === 'string' ? contents : (contents?.value ?? '');
    },
    async close() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      child.kill();
    },
  };
}
