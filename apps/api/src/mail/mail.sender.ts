import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/config';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Message-ID to use (e.g. "<id@tierstar>"); nodemailer makes one when absent. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  accepted: string[];
}

/**
 * Sends email through the SMTP server in `SMTP_URL` (smtp:// or smtps://, credentials in the URL) from
 * `MAIL_FROM`, over a small pool of reused connections. SMTP errors are thrown as nodemailer gives them, with
 * `responseCode` (4xx: try again later, 5xx: permanent) for the caller to decide on retries.
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly transport: ReturnType<typeof createTransport>;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>) {
    this.from = config.MAIL_FROM;
    this.transport = createTransport({
      url: config.SMTP_URL,
      pool: true,
      maxConnections: 5,
      // A stuck server must not hold a worker for long; the outbox retries later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      headers: mail.headers,
    })) as { messageId: string; accepted?: (string | { address: string })[] };
    return {
      messageId: info.messageId,
      accepted: (info.accepted ?? []).map((a) => (typeof a === 'string' ? a : a.address)),
    };
  }

  close(): void {
    this.transport.close();
  }

  onModuleDestroy(): void {
    this.close();
  }
}
