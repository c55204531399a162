import { request } from 'node:http';
import { createTransport } from 'nodemailer';
import { type MailCatcher, startMailCatcher } from './mail-catcher';

function get(
  port: number,
  path: string,
  method = 'GET',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('mail catcher', () => {
  let catcher: MailCatcher;
  let transport: ReturnType<typeof createTransport>;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    transport = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
  });
  afterAll(async () => {
    transport.close();
    await catcher.close();
  });
  beforeEach(() => {
    catcher.clear();
    catcher.setFailing(false);
  });

  const send = (over: Record<string, unknown> = {}) =>
    transport.sendMail({
      from: '"TierStar" <no-reply@tierstar.test>',
      to: 'a@example.jp',
      subject: '件名 subject',
      text: 'こんにちは https://tierstar.test/respond#token=abc',
      html: '<p>こんにちは</p>',
      ...over,
    });

  it('listens on real ports when asked for port 0', () => {
    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.httpPort).toBeGreaterThan(0);
    expect(catcher.httpPort).not.toBe(catcher.smtpPort);
  });

  it('keeps every message with its parts, recipients and headers', async () => {
    const info = await send({
      to: ['a@example.jp', 'b@example.jp'],
      bcc: 'c@example.jp',
      headers: { 'X-TierStar-Dedupe-Key': 'invite:1:0' },
    });
    expect(catcher.messages).toHaveLength(1);
    const [m] = catcher.messages;
    expect(m).toMatchObject({
      from: '"TierStar" <no-reply@tierstar.test>',
      to: ['a@example.jp', 'b@example.jp', 'c@example.jp'],
      subject: '件名 subject',
      text: 'こんにちは https://tierstar.test/respond#token=abc',
      html: '<p>こんにちは</p>',
      messageId: info.messageId,
    });
    expect(m!.headers['x-tierstar-dedupe-key']).toBe('invite:1:0');
    expect(m!.headers['subject']).toBeDefined();
    expect(m!.receivedAt).toBeInstanceOf(Date);
    expect(info.accepted).toEqual(['a@example.jp', 'b@example.jp', 'c@example.jp']);
  });

  it('waitFor resolves once enough mail arrived, and rejects after its timeout', async () => {
    const waiting = catcher.waitFor(2);
    await Promise.all([send({ subject: 'one' }), send({ subject: 'two' })]);
    const got = await waiting;
    expect(got.map((m) => m.subject).sort()).toEqual(['one', 'two']);
    await expect(catcher.waitFor(1)).resolves.toHaveLength(2); // already there: immediate
    await expect(catcher.waitFor(3, 50)).rejects.toThrow(/expected 3 email\(s\) within 50 ms, got 2/);
  });

  it('clear() empties the inbox', async () => {
    await send();
    catcher.clear();
    expect(catcher.messages).toHaveLength(0);
  });

  it('simulates a temporary failure (451) and a permanent one (550)', async () => {
    catcher.setFailing('temporary');
    await expect(send()).rejects.toMatchObject({ responseCode: 451 });
    catcher.setFailing('permanent');
    await expect(send()).rejects.toMatchObject({ responseCode: 550 });
    expect(catcher.messages).toHaveLength(0);
    catcher.setFailing(false);
    await send();
    expect(catcher.messages).toHaveLength(1);
  });

  it('serves a read-only inbox, newest first, that escapes hostile content', async () => {
    await send({ subject: 'first' });
    await send({
      subject: '<script>alert(1)</script>"&\'',
      html: '<p onclick="x()">hi</p><script>alert(2)</script>',
      text: 'see https://tierstar.test/a?b=1&c=2 <b>bold</b>',
    });
    const port = catcher.httpPort!;
    const list = await get(port, '/');
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(list.body).toContain('受信箱 / Inbox');
    expect(list.body).not.toContain('<script>');
    expect(list.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;');
    const [first, hostile] = catcher.messages.map((m) => `/messages/${m.id}"`);
    expect(list.body.indexOf(hostile!)).toBeGreaterThan(0);
    expect(list.body.indexOf(hostile!)).toBeLessThan(list.body.indexOf(first!));

    const id = catcher.messages[1]!.id;
    const detail = await get(port, `/messages/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).not.toContain('<script>');
    expect(detail.body).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;</h1>');
    expect(detail.body).toContain('a@example.jp');
    expect(detail.body).toContain(
      '<iframe sandbox="" referrerpolicy="no-referrer" title="HTML" srcdoc="&lt;p onclick=&quot;x()&quot;&gt;hi&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"></iframe>',
    );
    expect(detail.body).toContain(
      'see <a href="https://tierstar.test/a?b=1&amp;c=2" rel="noreferrer">https://tierstar.test/a?b=1&amp;c=2</a> &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(detail.body).toContain('差出人 / From');
    expect(detail.headers['content-security-policy']).toContain("default-src 'none'");

    expect((await get(port, '/messages/999')).status).toBe(404);
    expect((await get(port, '/', 'POST')).status).toBe(405);
  });

  it('close() rejects pending waits', async () => {
    const other = await startMailCatcher();
    expect(other.httpPort).toBeNull();
    const waiting = other.waitFor(1);
    await other.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
