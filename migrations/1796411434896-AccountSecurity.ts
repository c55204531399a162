import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountSecurity1796411434896 implements MigrationInterface {
  name = 'AccountSecurity1796411434896';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "signup_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "locale" "public"."user_locale" NOT NULL DEFAULT 'ja', "password_hash" text NOT NULL, "organization" jsonb NOT NULL, "token_hash" character(64), "expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f3de75c74453a667ae434d6a1a4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_signup_requests_token_hash" ON "signup_requests"  ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_signup_requests_email" ON "signup_requests"  ("email") `);
    // users.email_verified_at itself comes from UserEmailVerified1796411138608.
    await queryRunner.query(`ALTER TABLE "invitations" ALTER COLUMN "token_hash" DROP NOT NULL`);
    // Accounts from before email verification: counted as verified when they were created.
    await queryRunner.query(`UPDATE "users" SET "email_verified_at" = "created_at"`);
    // Invitation emails used to store their link (with the raw token) in the outbox payload. Pending ones now
    // get their token when sent; every stored link is removed.
    await queryRunner.query(
      `UPDATE "mail_outbox"
          SET "payload" = jsonb_set("payload" #- '{data,link}', '{invitationId}',
                                    to_jsonb(substring("dedupe_key" FROM '^org-invitation:(.*)$')))
        WHERE "kind" = 'organization-invitation' AND "status" = 'pending' AND "dedupe_key" LIKE 'org-invitation:%'`,
    );
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "payload" = "payload" #- '{data,link}'
        WHERE "kind" = 'organization-invitation' AND "payload" #> '{data,link}' IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Invitations whose email was never sent have no token: they cannot survive the old NOT NULL.
    await queryRunner.query(`DELETE FROM "invitations" WHERE "token_hash" IS NULL`);
    await queryRunner.query(`ALTER TABLE "invitations" ALTER COLUMN "token_hash" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."ix_signup_requests_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_signup_requests_token_hash"`);
    await queryRunner.query(`DROP TABLE "signup_requests"`);
  }
}
