import type { DataSource } from 'typeorm';
import { DEDUPE_HEADER } from '../../apps/api/src/outbox/mail-delivery.service';
import type { MailCatcher } from './smtp';
import { pollUntil } from './poll';

/**
 * Waits for the newest email to `to` carrying a link to `path` (e.g. `/invitations/accept`) and returns the
 * link's token (`#token=…`), as the recipient would find it in their mailbox: once the email's outbox row is
 * recorded as sent, since the token becomes valid with that commit, a fraction of a millisecond after the
 * SMTP server has the email.
 */
export async function linkToken(
  { smtp, db }: { smtp: MailCatcher; db: DataSource },
  to: string,
  path: string,
  after = 0,
): Promise<string> {
  const pattern = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#token=([A-Za-z0-9_-]{43})`);
  const mail = await pollUntil(() =>
    Promise.resolve(
      [...smtp.messages].reverse().find((m) => m.id > after && m.to.includes(to) && pattern.test(m.text)),
    ),
  );
  const key = mail.headers[DEDUPE_HEADER.toLowerCase()];
  await pollUntil(
    async () =>
      !key ||
      (await db.query(`SELECT 1 FROM mail_outbox WHERE dedupe_key = $1 AND status = 'sent'`, [key])).length >
        0,
  );
  return pattern.exec(mail.text)![1]!;
}

/** The id of the newest email received so far (0 when none): pass it as `after` to wait for a newer one. */
export function lastMailId(smtp: MailCatcher): number {
  return smtp.messages.at(-1)?.id ?? 0;
}
