import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * users.email_verified_at (email ownership); benchmarks count only peers with a verified member. Idempotent,
 * so it coexists with another migration adding the same column.
 */
export class UserEmailVerified1796411138608 implements MigrationInterface {
  name = 'UserEmailVerified1796411138608';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "email_verified_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN IF EXISTS "email_verified_at"`);
  }
}
