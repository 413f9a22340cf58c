import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  language: string | undefined;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1, port 0, that keeps every message it accepts (parsed with
 * mailparser). `failNext(n)` answers the next n messages with a 451 (temporary failure), and
 * `close()` makes the address refuse connections: both to test retries.
 */
export class SmtpTestServer {
  readonly mails: ReceivedMail[] = [];
  private failures = 0;

  private server: SMTPServer | undefined;
  port = 0;

  private constructor() {}

  static async start(): Promise<SmtpTestServer> {
    const self = new SmtpTestServer();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (self.failures > 0) {
            self.failures -= 1;
            const error = Object.assign(new Error('try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          void simpleParser(Buffer.concat(chunks)).then((parsed) => {
            self.mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              language: parsed.headers.get('content-language') as string | undefined,
              parsed,
            });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self.server = server;
    self.port = (server.server.address() as AddressInfo).port;
    return self;
  }

  get url(): string {
    return `smtp://test:secret@127.0.0.1:${this.port}`;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  to(email: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(email));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'mail'): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) {
        const got = this.mails.map((m) => `${m.to.join(',')} "${m.subject}"`).join('; ');
        throw new Error(`timed out waiting for ${what}; got ${this.mails.length} mails: ${got}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
