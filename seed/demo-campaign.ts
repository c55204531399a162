import type { INestApplicationContext } from '@nestjs/common';
import { getCatalogue } from '@tierstar/guidelines';
import type { AnswerValue } from '@tierstar/scoring';
import { DataSource } from 'typeorm';
import { loadAccess } from '../apps/api/src/assessments/assessment-access';
import { AnswersService } from '../apps/api/src/assessments/answers.service';
import { ReviewService } from '../apps/api/src/assessments/review.service';
import { CampaignsService } from '../apps/api/src/campaigns/campaigns.service';
import { Clock } from '../apps/api/src/common/clock';
import { NetworkService } from '../apps/api/src/network/network.service';
import { addCalendarDays } from '../apps/api/src/reminders/calendar/business-calendar';

export const DEMO_CAMPAIGN_TITLE = '2027年度 サプライチェーン・セキュリティ自己評価 (デモ)';

/**
 * A launched demo campaign from the OEM to its Tier 1 suppliers, through the same services as the app: the
 * invitations land in the local inbox when the worker starts; 東和ブレーキ has answered everything and submitted
 * (with a few gaps), 北辰シート has answered about half. Also サンプル商事 adds 東和ブレーキ by its 法人番号 and
 * sends it a questionnaire: that request waits on admin@brake.demo's home (accepting sends the invitation).
 * Idempotent: does nothing when the campaign exists.
 */
export async function seedDemoCampaign(app: INestApplicationContext): Promise<{ created: boolean }> {
  const db = app.get(DataSource);
  const [oem] = await db.query<{ id: string; user_id: string }[]>(
    `SELECT o.id, u.id AS user_id FROM organizations o
       JOIN memberships m ON m.organization_id = o.id AND m.role = 'procurement'
       JOIN users u ON u.id = m.user_id
      WHERE o.name = 'サンプル自動車株式会社' AND u.email = 'procurement@oem.demo'`,
  );
  if (!oem) throw new Error('run seedDemo first');
  const [existing] = await db.query('SELECT 1 FROM campaigns WHERE buyer_id = $1 AND title = $2', [
    oem.id,
    DEMO_CAMPAIGN_TITLE,
  ]);
  if (existing) return { created: false };

  const campaigns = app.get(CampaignsService);
  const today = app.get(Clock).today();
  const due = addCalendarDays(today, 30);
  const campaign = await campaigns.create(oem.id, oem.user_id, {
    title: DEMO_CAMPAIGN_TITLE,
    message:
      '取引先の皆さまへ。サプライチェーン全体のセキュリティ向上のため、自己評価へのご協力をお願いします。分からない項目は「わからない」で構いません。ご不明な点はお気軽にご相談ください。',
    supportOffered:
      '評価にかかる費用の一部を当社が負担します。専門家による無料相談会 (オンライン) も毎月開催しています。',
    catalogueId: 'meti-scs',
    dueDate: due,
    selection: { tiers: [1] },
  });
  await campaigns.launch(oem.id, campaign.id, oem.user_id);

  const criteria = getCatalogue('meti-scs')!.criteria.filter((c) => c.level <= 3);
  const answers = app.get(AnswersService);
  /** Answers as the supplier's respondent when the demo has one (else unattributed), read through the buyer. */
  const answerAs = async (supplierName: string, email: string | null, share: number, submit: boolean) => {
    const [row] = await db.query<{ assessment_id: string; user_id: string | null }[]>(
      `SELECT a.id AS assessment_id, (SELECT id FROM users WHERE email = $3) AS user_id FROM assessments a
         JOIN organizations s ON s.id = a.supplier_id
        WHERE a.campaign_id = $1 AND s.name = $2`,
      [campaign.id, supplierName, email],
    );
    if (!row) return;
    const chosen = criteria.slice(0, Math.round(criteria.length * share));
    await db.transaction(async (m) => {
      const access = await loadAccess(m, row.assessment_id, oem.user_id, { lock: true });
      await answers.apply(
        m,
        access,
        chosen.map((c, i) => {
          const value: AnswerValue = i % 17 === 3 ? 'not_met' : i % 23 === 5 ? 'partial' : 'met';
          return { criterionId: c.id, value, note: '', naReason: '' };
        }),
        { provenance: 'form', source: null, userId: row.user_id },
      );
    });
    if (submit && row.user_id) {
      await app.get(ReviewService).submit(row.user_id, row.assessment_id, {
        declaration: { name: '東和 太郎', title: '代表取締役', date: today },
      });
    }
  };
  await answerAs('東和ブレーキ工業株式会社', 'respondent@brake.demo', 1, true);
  await answerAs('北辰シート株式会社', null, 0.5, false);

  const [trading] = await db.query<{ id: string; user_id: string; brake_number: string }[]>(
    `SELECT o.id, u.id AS user_id,
            (SELECT corporate_number FROM organizations WHERE name = '東和ブレーキ工業株式会社') AS brake_number
       FROM organizations o
       JOIN memberships m ON m.organization_id = o.id AND m.role = 'procurement'
       JOIN users u ON u.id = m.user_id AND u.email = 'procurement@trading.demo'
      WHERE o.name = 'サンプル商事株式会社'`,
  );
  if (trading) {
    const added = await app.get(NetworkService).addSupplier(trading.id, trading.user_id, {
      name: '東和ブレーキ',
      corporateNumber: trading.brake_number,
      contactEmail: 'sales@t1-brake.demo',
    });
    const request = await campaigns.create(trading.id, trading.user_id, {
      title: '取引先セキュリティ確認 (デモ)',
      catalogueId: 'meti-scs',
      dueDate: due,
      selection: { supplierIds: [added.supplier.id] },
    });
    await campaigns.launch(trading.id, request.id, trading.user_id);
  }
  return { created: true };
}
