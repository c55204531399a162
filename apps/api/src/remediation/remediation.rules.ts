import { ProblemException } from '../common/problem';
import type { RemediationStatus } from './remediation-item.entity';
import type { RemediationItemDto } from './dto/remediation.dto';

/** Statuses that are never overdue. */
export const CLOSED_STATUSES: readonly RemediationStatus[] = ['done', 'verified', 'risk_accepted'];

/**
 * Status changes the supplier may make (PATCH). `verified` is reached only through the buyer's verify, and
 * the buyer's reopen moves `done` back to `in_progress`.
 */
export const SUPPLIER_MOVES: Record<RemediationStatus, readonly RemediationStatus[]> = {
  open: ['planned', 'in_progress', 'risk_accepted'],
  planned: ['open', 'in_progress', 'risk_accepted'],
  in_progress: ['planned', 'done', 'risk_accepted'],
  done: ['in_progress'],
  verified: [],
  risk_accepted: ['planned', 'in_progress'],
};

const STATUS_JA: Record<RemediationStatus, string> = {
  open: '未着手',
  planned: '計画済み',
  in_progress: '対応中',
  done: '対応完了',
  verified: '確認済み',
  risk_accepted: 'リスク受容',
};

export const invalidTransition = (
  from: RemediationStatus,
  to: RemediationStatus,
  allowed: readonly RemediationStatus[],
) =>
  new ProblemException(
    409,
    'REMEDIATION_TRANSITION_INVALID',
    {
      ja: `「${STATUS_JA[from]}」から「${STATUS_JA[to]}」には変更できません。`,
      en: `The status cannot change from ${from} to ${to}.`,
    },
    undefined,
    undefined,
    { from, to, allowed },
  );

export const conflict = (current: RemediationItemDto) =>
  new ProblemException(
    409,
    'REMEDIATION_CONFLICT',
    {
      ja: 'この項目は別の画面か別の方が先に更新しました。最新の内容を確認してからもう一度保存してください。',
      en: 'Someone (or another tab) changed this item first. Check the latest version and save again.',
    },
    undefined,
    undefined,
    { current },
  );

export const closedItem = () =>
  new ProblemException(409, 'REMEDIATION_CLOSED', {
    ja: '依頼元が確認済みの項目は変更できません。',
    en: 'This item has been verified by the buyer and can no longer change.',
  });

export const dueAfterDeadline = (deadline: string) =>
  new ProblemException(
    422,
    'REMEDIATION_DUE_AFTER_DEADLINE',
    {
      ja: `期限は依頼元が決めた改善期限 (${deadline}) までの日付にしてください。`,
      en: `Choose a due date on or before the buyer's remediation deadline (${deadline}).`,
    },
    [{ field: 'dueDate', message: { ja: `${deadline} 以前`, en: `on or before ${deadline}` } }],
    undefined,
    { deadline },
  );

export const dueInPast = () =>
  new ProblemException(
    422,
    'REMEDIATION_DUE_IN_PAST',
    { ja: '期限には今日以降の日付を選んでください。', en: 'Choose a due date from today on.' },
    [{ field: 'dueDate', message: { ja: '過去の日付です', en: 'in the past' } }],
  );

export const invalidDate = (field: string) =>
  new ProblemException(
    400,
    'VALIDATION_FAILED',
    { ja: '入力内容に誤りがあります。', en: 'The request has invalid fields.' },
    [{ field, message: { ja: '存在しない日付です', en: 'not a real date' } }],
  );

export const planRequired = () =>
  new ProblemException(422, 'REMEDIATION_PLAN_REQUIRED', {
    ja: '計画を進めるには、対応内容と期限を入力してください。',
    en: 'Write what you will do and choose a due date first.',
  });

export const evidenceRequired = () =>
  new ProblemException(422, 'REMEDIATION_EVIDENCE_REQUIRED', {
    ja: '対応完了にするには、対応したことがわかる証跡ファイルを添付してください。',
    en: 'Attach evidence that shows the fix before marking the item done.',
  });

export const riskIncomplete = () =>
  new ProblemException(422, 'RISK_ACCEPTANCE_INCOMPLETE', {
    ja: 'リスクを受け入れる理由と、見直す日 (明日以降) を入力してください。',
    en: 'Give the reason for accepting the risk and a review date after today.',
  });

const roleRequired = (ja: string, en: string) => new ProblemException(403, 'ROLE_REQUIRED', { ja, en });

export const supplierOnly = () =>
  roleRequired(
    '改善計画を変更できるのは取引先 (回答側) の担当者だけです。',
    "Only the supplier's respondents and admins can change the remediation plan.",
  );

export const buyerOnly = () =>
  roleRequired(
    '確認・差し戻しができるのは依頼元の調達担当者だけです。',
    "Only the buyer's procurement staff and admins can verify or reopen.",
  );
