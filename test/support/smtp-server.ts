/**
 * A real SMTP server for the tests (the `smtp-server` package) on 127.0.0.1: it keeps every message it
 * accepts, parsed by `mailparser`, and can be stopped and started again on the same port to play a mail
 * server that is down.
 */
import { once } from 'node:events';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './oidc-provider.ts';

/** A running test mail server. */
export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts the mail server. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const port = await freePort();
  const received: ParsedMail[] = [];
  let server: SMTPServer | undefined;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
    server.listen(port, '127.0.0.1');
    await once(server.server, 'listening');
  };
  await start();
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    start,
    stop: () => new Promise((resolve) => (server === undefined ? resolve() : server.close(() => resolve()))),
  };
}
