import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MailRenderer } from './mail.renderer';
import { MailSender } from './mail.sender';

interface Received {
  to: string[];
  raw: Buffer;
}

/** A minimal SMTP server (the project's full one, scripts/mail-catcher.ts, lives outside the app). */
async function startSmtp() {
  const received: Received[] = [];
  let refuse: number | null = null;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    closeTimeout: 100,
    onRcptTo: (_a, _s, cb) =>
      cb(refuse ? Object.assign(new Error('refused (test)'), { responseCode: refuse }) : undefined),
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    refuseWith: (code: number | null) => (refuse = code),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('MailSender', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sender: MailSender;

  beforeAll(async () => {
    smtp = await startSmtp();
    sender = new MailSender({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'TierStar <no-reply@tierstar.test>',
    });
  });
  afterAll(async () => {
    sender?.onModuleDestroy();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.received.splice(0);
    smtp.refuseWith(null);
  });

  it('sends a rendered email from MAIL_FROM with both parts, the message id and extra headers', async () => {
    const mail = new MailRenderer().render('assessment-accepted', 'ja', {
      buyerName: '株式会社オーイーエム',
      campaignTitle: '2026年度 取引先セキュリティ評価',
      link: 'https://tierstar.test/assessments/1',
    });
    const sent = await sender.send({
      to: 'supplier@example.jp',
      ...mail,
      messageId: '<accepted-1@tierstar.test>',
      headers: { 'X-TierStar-Dedupe-Key': 'accepted:1:1:supplier@example.jp' },
    });
    expect(sent).toEqual({ messageId: '<accepted-1@tierstar.test>', accepted: ['supplier@example.jp'] });
    // The server answered DATA after storing the message, so it is there once send() resolved.
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['supplier@example.jp']);
    const got = await simpleParser(smtp.received[0]!.raw);
    expect(got.from?.text).toBe('"TierStar" <no-reply@tierstar.test>');
    expect(got.subject).toBe(mail.subject);
    expect(got.messageId).toBe('<accepted-1@tierstar.test>');
    expect(got.html).toBe(mail.html);
    expect(got.text?.trim()).toBe(mail.text.trim());
    expect(got.headers.get('x-tierstar-dedupe-key')).toBe('accepted:1:1:supplier@example.jp');
  });

  it('reports SMTP refusals with their response code (4xx retry later, 5xx give up)', async () => {
    const mail = { to: 'x@example.jp', subject: 's', html: '<p>h</p>', text: 't' };
    smtp.refuseWith(451);
    await expect(sender.send(mail)).rejects.toMatchObject({ responseCode: 451 });
    smtp.refuseWith(550);
    await expect(sender.send(mail)).rejects.toMatchObject({ responseCode: 550 });
    smtp.refuseWith(null);
    await expect(sender.send(mail)).resolves.toMatchObject({ accepted: ['x@example.jp'] });
  });
});
