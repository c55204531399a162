import { type MailCatcher, startMailCatcher } from '../../scripts/mail-catcher';

export type { CaughtMail, FailureMode, MailCatcher } from '../../scripts/mail-catcher';

/** An SMTP server on a free port that keeps what it receives; point SMTP_URL at `smtp://127.0.0.1:<smtpPort>`. */
export function startTestSmtp(): Promise<MailCatcher> {
  return startMailCatcher({ smtpPort: 0, httpPort: null });
}
