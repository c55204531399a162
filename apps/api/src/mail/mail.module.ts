import { Global, Module } from '@nestjs/common';
import { MailRenderer } from './mail.renderer';
import { MailSender } from './mail.sender';

/** Outgoing email: templates (MailRenderer) and the SMTP connection pool (MailSender), available everywhere. */
@Global()
@Module({
  providers: [MailRenderer, MailSender],
  exports: [MailRenderer, MailSender],
})
export class MailModule {}
