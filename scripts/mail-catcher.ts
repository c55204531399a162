// A local inbox for development and tests: an SMTP server that keeps every message in memory and, optionally, a
// read-only web page listing them. `node dist/scripts/mail-catcher.js --smtp 1025 --http 1080`
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  /** 1, 2, 3 … in arrival order (never reused, also after clear()); the inbox page's /messages/:id. */
  id: number;
  /** The From header, decoded, e.g. `"TierStar" <no-reply@tierstar.local>`. */
  from: string;
  /** Envelope recipients (RCPT TO), Bcc included. */
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, '' when the message has none. */
  html: string;
  /** Message-ID header with its angle brackets, '' when absent. */
  messageId: string;
  /** Header lines by lower-cased name (repeated headers joined with ", "). */
  headers: Record<string, string>;
  receivedAt: Date;
}

export type FailureMode = false | 'temporary' | 'permanent';

export interface MailCatcher {
  readonly smtpPort: number;
  readonly httpPort: number | null;
  /** Every message received since start (or the last clear()), oldest first. */
  readonly messages: CaughtMail[];
  /** Resolves with all messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  clear(): void;
  /** Makes the server refuse recipients and data with 451 (temporary) or 550 (permanent); false accepts again. */
  setFailing(mode: FailureMode): void;
  close(): Promise<void>;
}

export interface MailCatcherOptions {
  /** SMTP port; 0 (default) picks a free one. */
  smtpPort?: number;
  /** Inbox web page port (always on 127.0.0.1); 0 picks a free one; null (default) serves no page. */
  httpPort?: number | null;
  /** SMTP listen address, 127.0.0.1 by default. */
  host?: string;
  /** Called for every message received. */
  onMessage?: (mail: CaughtMail) => void;
}

function failure(mode: FailureMode): (Error & { responseCode: number }) | null {
  if (!mode) return null;
  const err = new Error(
    mode === 'temporary' ? 'Mailbox busy, try again later (simulated)' : 'Mailbox unavailable (simulated)',
  ) as Error & { responseCode: number };
  err.responseCode = mode === 'temporary' ? 451 : 550;
  return err;
}

function headerMap(lines: readonly { key: string; line: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const k = key.toLowerCase();
    map[k] = k in map ? `${map[k]}, ${value}` : value;
  }
  return map;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** Escaped text with its http(s) URLs as links (handy for opening invitation links in development). */
function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s<>"'`]+/g)) {
    out += esc(text.slice(last, m.index));
    out += `<a href="${esc(m[0])}" rel="noreferrer">${esc(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

const STYLE = `body{font-family:system-ui,'Hiragino Sans',Meiryo,sans-serif;margin:24px;color:#1f2933}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #d9dde3;vertical-align:top}
pre{white-space:pre-wrap;background:#f4f5f7;padding:12px}iframe{width:100%;height:600px;border:1px solid #d9dde3}
.muted{color:#616e7c}`;

function page(title: string, body: string, refresh = false): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
${refresh ? '<meta http-equiv="refresh" content="5">\n' : ''}<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function listPage(messages: CaughtMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${m.id}</td><td>${esc(m.receivedAt.toISOString())}</td><td>${esc(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${m.id}">${esc(m.subject || '(件名なし / no subject)')}</a></td></tr>`,
    )
    .join('\n');
  return page(
    '受信箱 / Inbox — TierStar',
    `<h1>受信箱 / Inbox</h1>
<p class="muted">開発用のメール受信箱です。新しい順に表示します（5 秒ごとに更新）。 / Development mail, newest first (refreshes every 5 s).</p>
${
  messages.length === 0
    ? '<p>まだメールはありません。 / No mail yet.</p>'
    : `<table>
<tr><th>#</th><th>受信日時 / Received</th><th>宛先 / To</th><th>件名 / Subject</th></tr>
${rows}
</table>`
}`,
    true,
  );
}

function messagePage(m: CaughtMail): string {
  return page(
    `${m.subject} — TierStar`,
    `<p><a href="/">← 受信箱 / Inbox</a></p>
<h1>${esc(m.subject || '(件名なし / no subject)')}</h1>
<table>
<tr><th>差出人 / From</th><td>${esc(m.from)}</td></tr>
<tr><th>宛先 / To</th><td>${esc(m.to.join(', '))}</td></tr>
<tr><th>受信日時 / Received</th><td>${esc(m.receivedAt.toISOString())}</td></tr>
<tr><th>Message-ID</th><td>${esc(m.messageId)}</td></tr>
</table>
<h2>テキスト / Text</h2>
<pre>${linkify(m.text)}</pre>
<h2>HTML</h2>
${
  m.html
    ? `<iframe sandbox="" referrerpolicy="no-referrer" title="HTML" srcdoc="${esc(m.html)}"></iframe>`
    : '<p class="muted">HTML パートはありません。 / No HTML part.</p>'
}`,
  );
}

function serveInbox(messages: CaughtMail[], req: IncomingMessage, res: ServerResponse): void {
  const send = (status: number, body: string) => {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      // The email HTML runs in a sandboxed srcdoc frame that inherits this policy: no scripts, no remote loads.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return send(405, page('405', '<p>読み取り専用です。 / Read-only.</p>'));
  }
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === '/') return send(200, listPage(messages));
  const match = /^\/messages\/(\d+)$/.exec(path);
  const found = match ? messages.find((m) => m.id === Number(match[1])) : undefined;
  if (found) return send(200, messagePage(found));
  send(404, page('404', '<p>見つかりません。 / Not found.</p><p><a href="/">受信箱 / Inbox</a></p>'));
}

function listen(server: NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  /** Pending waitFor() calls: `check` settles one when enough mail is in, `abort` when the catcher closes. */
  const waiters = new Set<{ check: () => void; abort: () => void }>();
  let failing: FailureMode = false;
  let nextId = 1;

  const smtp = new SMTPServer({
    logger: false,
    // Development only: no TLS offered (clients would refuse the self-signed default certificate), any login.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username ?? 'user' }),
    size: 25 * 1024 * 1024,
    closeTimeout: 1000,
    onRcptTo: (_address, _session, cb) => cb(failure(failing)),
    onData: (stream: SMTPServerDataStream, session: SMTPServerSession, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refused = failure(failing);
        if (refused) return cb(refused);
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            const mail: CaughtMail = {
              id: nextId++,
              from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
              headers: headerMap(parsed.headerLines),
              receivedAt: new Date(),
            };
            messages.push(mail);
            options.onMessage?.(mail);
            for (const w of [...waiters]) w.check();
            cb(null);
          })
          .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
      });
    },
  });
  // SMTPServer re-emits its socket errors and throws when nobody listens; listen() reports start-up errors itself.
  let started = false;
  smtp.on('error', (err) => {
    if (started) console.error(`mail-catcher: ${err.message}`);
  });
  const smtpPort = await listen(smtp.server, options.smtpPort ?? 0, host);
  started = true;

  let http: Server | null = null;
  let httpPort: number | null = null;
  if (options.httpPort !== undefined && options.httpPort !== null) {
    const server = createServer((req, res) => serveInbox(messages, req, res));
    http = server;
    try {
      httpPort = await listen(server, options.httpPort, '127.0.0.1');
    } catch (err) {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      throw err;
    }
  }

  return {
    smtpPort,
    httpPort,
    messages,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const waiter = {
          check: () => {
            if (messages.length < count) return;
            finish();
            resolve([...messages]);
          },
          abort: () => {
            finish();
            reject(new Error(`mail catcher closed while waiting for ${count} email(s)`));
          },
        };
        const timer = setTimeout(() => {
          finish();
          const got = messages.map((m) => `"${m.subject}" → ${m.to.join(', ')}`).join('; ');
          reject(
            new Error(`expected ${count} email(s) within ${timeoutMs} ms, got ${messages.length}: ${got}`),
          );
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
        waiter.check();
      });
    },
    clear() {
      messages.splice(0);
    },
    setFailing(mode) {
      failing = mode;
    },
    async close() {
      for (const w of [...waiters]) w.abort();
      await Promise.all([
        new Promise<void>((resolve) => {
          smtp.close(() => resolve());
          // Do not wait for idle pooled clients to say goodbye (smtp-server would wait closeTimeout).
          for (const connection of smtp.connections) {
            connection.send(421, 'Server shutting down');
            connection.close();
          }
        }),
        http
          ? new Promise<void>((resolve) => {
              http.closeAllConnections();
              http.close(() => resolve());
            })
          : Promise.resolve(),
      ]);
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      smtp: { type: 'string', default: '1025' },
      http: { type: 'string', default: '1080' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`--${name} must be a port number (got ${v})`);
    return n;
  };
  // Control characters are shown as spaces so a hostile subject cannot drive the terminal.
  const plain = (s: string) => s.replace(/\p{Cc}/gu, ' ');
  const catcher = await startMailCatcher({
    smtpPort: port('smtp', values.smtp),
    httpPort: port('http', values.http),
    host: values.host,
    onMessage: (m) => console.log(`[mail] ${plain(m.to.join(', '))}: ${plain(m.subject)}  /messages/${m.id}`),
  });
  console.log(`Mail catcher: SMTP on ${values.host}:${catcher.smtpPort}`);
  console.log(`Inbox (dev mail): http://127.0.0.1:${catcher.httpPort}/`);
  const stop = () => {
    void catcher.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`mail-catcher: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
