import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportedCatalogues1795347143470 implements MigrationInterface {
  name = 'ImportedCatalogues1795347143470';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "imported_catalogues" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "catalogue_id" text NOT NULL, "version" text NOT NULL, "sha256" character(64) NOT NULL, "source_format" text NOT NULL, "catalogue" jsonb NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae6142c5d472e0cde90f75ecda4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_imported_catalogues_org_catalogue_version" ON "imported_catalogues"  ("organization_id", "catalogue_id", "version") `,
    );
    await queryRunner.query(
      `ALTER TABLE "imported_catalogues" ADD CONSTRAINT "FK_5dfcfeedba3f07326614d40babc" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "imported_catalogues" ADD CONSTRAINT "FK_192ae21a7c42149c892e705bbd5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "imported_catalogues" DROP CONSTRAINT "FK_192ae21a7c42149c892e705bbd5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "imported_catalogues" DROP CONSTRAINT "FK_5dfcfeedba3f07326614d40babc"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_imported_catalogues_org_catalogue_version"`);
    await queryRunner.query(`DROP TABLE "imported_catalogues"`);
  }
}
