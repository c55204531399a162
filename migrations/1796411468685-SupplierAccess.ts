import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supplier access model: emailed links make guests of one assessment (assessment_guests), links keep the
 * 法人番号 the buyer typed and the supplier's answer to the request (pending / declined / null = accepted).
 * Data: existing links carry their supplier's number and count as accepted; respondent memberships that only
 * came from opening an emailed link (audited `assessment.link_redeemed`, never an accepted invitation) become
 * guest rows of the assessments that were opened, and the organization-wide membership is removed.
 */
export class SupplierAccess1796411468685 implements MigrationInterface {
  name = 'SupplierAccess1796411468685';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_guests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_29dde7f37ba6999ec8be3b23616" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_assessment_guests_user" ON "assessment_guests"  ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_assessment_guests_assessment_user" ON "assessment_guests"  ("assessment_id", "user_id") `,
    );
    await queryRunner.query(`ALTER TABLE "supply_links" ADD "corporate_number" character(13)`);
    await queryRunner.query(`CREATE TYPE "public"."supplier_request_status" AS ENUM('pending', 'declined')`);
    await queryRunner.query(
      `ALTER TABLE "supply_links" ADD "request_status" "public"."supplier_request_status"`,
    );
    await queryRunner.query(
      `UPDATE supply_links l SET corporate_number = o.corporate_number FROM organizations o WHERE o.id = l.supplier_id`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_supply_links_request" ON "supply_links"  ("corporate_number") WHERE request_status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_supply_links_buyer_corporate_number" ON "supply_links"  ("buyer_id", "corporate_number") WHERE corporate_number IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_guests" ADD CONSTRAINT "FK_80764c7146b9f3a58598c477f9a" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_guests" ADD CONSTRAINT "FK_80d9df52f2f55716a2bbfc89bed" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO assessment_guests (assessment_id, user_id, created_at)
       SELECT DISTINCT ON (a.id, u.id) a.id, u.id, e.at
         FROM audit_events e
         JOIN assessments a ON a.id::text = e.entity_id
         JOIN users u ON u.id = e.actor_user_id
        WHERE e.action = 'assessment.link_redeemed'
        ORDER BY a.id, u.id, e.at
       ON CONFLICT (assessment_id, user_id) DO NOTHING`,
    );
    await queryRunner.query(
      `DELETE FROM memberships ms
        WHERE ms.role = 'respondent'
          AND EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'assessment.link_redeemed'
                         AND e.actor_user_id = ms.user_id AND e.organization_id = ms.organization_id)
          AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.action = 'invitation.accept'
                             AND e.actor_user_id = ms.user_id AND e.organization_id = ms.organization_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the old model: every guest becomes a respondent of the assessment's supplier.
    await queryRunner.query(
      `INSERT INTO memberships (user_id, organization_id, role)
       SELECT DISTINCT g.user_id, a.supplier_id, 'respondent'::member_role
         FROM assessment_guests g JOIN assessments a ON a.id = g.assessment_id
       ON CONFLICT DO NOTHING`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_guests" DROP CONSTRAINT "FK_80d9df52f2f55716a2bbfc89bed"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_guests" DROP CONSTRAINT "FK_80764c7146b9f3a58598c477f9a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_supply_links_buyer_corporate_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_supply_links_request"`);
    await queryRunner.query(`ALTER TABLE "supply_links" DROP COLUMN "request_status"`);
    await queryRunner.query(`DROP TYPE "public"."supplier_request_status"`);
    await queryRunner.query(`ALTER TABLE "supply_links" DROP COLUMN "corporate_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_assessment_guests_assessment_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_guests_user"`);
    await queryRunner.query(`DROP TABLE "assessment_guests"`);
  }
}
