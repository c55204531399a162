import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cascade1795498494236 implements MigrationInterface {
  name = 'Cascade1795498494236';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "region" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "campaigns" ADD "parent_campaign_id" uuid`);
    await queryRunner.query(`ALTER TABLE "campaigns" ADD "parent_assessment_id" uuid`);
    await queryRunner.query(`CREATE TYPE "public"."consent_level" AS ENUM('full', 'summary', 'none')`);
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD "upstream_consent" "public"."consent_level" NOT NULL DEFAULT 'none'`,
    );
    await queryRunner.query(`ALTER TABLE "assessments" ADD "consent_updated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_campaigns_parent" ON "campaigns"  ("parent_campaign_id") `);
    await queryRunner.query(
      `ALTER TABLE "campaigns" ADD CONSTRAINT "FK_0f97b44a5373594f7775b560b64" FOREIGN KEY ("parent_campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "campaigns" DROP CONSTRAINT "FK_0f97b44a5373594f7775b560b64"`);
    await queryRunner.query(`DROP INDEX "public"."ix_campaigns_parent"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP COLUMN "consent_updated_at"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP COLUMN "upstream_consent"`);
    await queryRunner.query(`DROP TYPE "public"."consent_level"`);
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "parent_assessment_id"`);
    await queryRunner.query(`ALTER TABLE "campaigns" DROP COLUMN "parent_campaign_id"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "region"`);
  }
}
