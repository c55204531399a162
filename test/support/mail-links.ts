import type { MailCatcher } from './smtp';
import { pollUntil } from './poll';

/**
 * Waits for the newest email to `to` carrying a link to `path` (e.g. `/invitations/accept`) and returns the
 * link's token (`#token=…`), as the recipient would find it in their mailbox.
 */
export async function linkToken(smtp: MailCatcher, to: string, path: string, after = 0): Promise<string> {
  const pattern = new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#token=([A-Za-z0-9_-]{43})`);
  return pollUntil(() => {
    const mail = [...smtp.messages]
      .reverse()
      .find((m) => m.id > after && m.to.includes(to) && pattern.test(m.text));
    return Promise.resolve(mail ? pattern.exec(mail.text)![1]! : null);
  });
}

/** The id of the newest email received so far (0 when none): pass it as `after` to wait for a newer one. */
export function lastMailId(smtp: MailCatcher): number {
  return smtp.messages.at(-1)?.id ?? 0;
}
