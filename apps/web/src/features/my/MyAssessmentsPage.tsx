import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { assessmentPath } from '../../lib/paths';
import { daysUntil, formatDate } from '../../lib/format';
import { AssessmentStatusBadge, Progress } from '../../lib/AssessmentStatus';
import type { MyAssessment } from './types';
import { useMyAssessments } from './api';
import { useMe } from '../auth/session';
import { SupplierRequestsPanel } from '../requests/SupplierRequestsPanel';

const OPEN_FOR_SUPPLIER = new Set(['invited', 'in_progress', 'returned']);

/** Earliest due date first; ties by campaign title. */
function byDue(a: MyAssessment, b: MyAssessment): number {
  return a.dueDate.localeCompare(b.dueDate) || a.campaignTitle.localeCompare(b.campaignTitle);
}

export function groupMyAssessments(items: readonly MyAssessment[]) {
  const toAnswer = items.filter((a) => a.side === 'supplier' && OPEN_FOR_SUPPLIER.has(a.status)).sort(byDue);
  const answered = items.filter((a) => a.side === 'supplier' && !OPEN_FOR_SUPPLIER.has(a.status)).sort(byDue);
  const toReview = items.filter((a) => a.side !== 'supplier').sort(byDue);
  return { toAnswer, answered, toReview };
}

/** Buyers' requests waiting for the organizations the person is an admin of. */
function RequestsForMyOrganizations() {
  const me = useMe();
  const admin = me.memberships.filter((m) => m.role === 'admin');
  return (
    <>
      {admin.map((m) => (
        <SupplierRequestsPanel
          key={m.organizationId}
          orgId={m.organizationId}
          orgName={admin.length > 1 ? m.organizationName : undefined}
        />
      ))}
    </>
  );
}

/**
 * The supplier's home: buyers' requests waiting for its admins, then what to answer, by when, and how far
 * along it is (a guest sees only the assessments it was given a link to).
 */
export function MyAssessmentsPage() {
  const { t } = useTranslation('campaigns');
  const { data, error, isPending } = useMyAssessments();

  if (error !== null) {
    return (
      <div className="page my-page">
        <h1>{t('my.title')}</h1>
        <ErrorMessage error={error} />
      </div>
    );
  }
  if (isPending) {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const { toAnswer, answered, toReview } = groupMyAssessments(data?.items ?? []);
  const nothing = toAnswer.length + answered.length + toReview.length === 0;
  return (
    <div className="page my-page">
      <h1>{t('my.title')}</h1>
      <RequestsForMyOrganizations />
      {nothing ? (
        <p className="empty" role="status">
          {t('my.empty')}
        </p>
      ) : (
        <>
          {toAnswer.length > 0 ? (
            <MySection title={t('my.toAnswer')} lead={t('my.toAnswerLead')} items={toAnswer} />
          ) : (
            <p className="alert alert-success" role="status">
              {t('my.allAnswered')}
            </p>
          )}
          {toReview.length > 0 && <MySection title={t('my.toReview')} items={toReview} />}
          {answered.length > 0 && <MySection title={t('my.answered')} items={answered} />}
        </>
      )}
    </div>
  );
}

function MySection({ title, lead, items }: { title: string; lead?: string; items: MyAssessment[] }) {
  return (
    <section className="my-section" aria-label={title}>
      <h2>{title}</h2>
      {lead && <p className="muted">{lead}</p>}
      <ul className="my-cards">
        {items.map((item) => (
          <MyCard key={`${item.id}|${item.side}`} item={item} />
        ))}
      </ul>
    </section>
  );
}

function MyCard({ item }: { item: MyAssessment }) {
  const { t, i18n } = useTranslation('campaigns');
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'ja';
  const days = daysUntil(item.dueDate);
  const open = item.side === 'supplier' && OPEN_FOR_SUPPLIER.has(item.status);
  const due =
    !open || days > 14
      ? null
      : days < 0
        ? { text: t('my.overdue', { days: -days }), tone: 'due-late' }
        : days === 0
          ? { text: t('my.dueToday'), tone: 'due-soon' }
          : { text: t('my.dueIn', { days }), tone: 'due-soon' };
  const action =
    item.side !== 'supplier'
      ? t('my.action.review')
      : item.status === 'invited'
        ? t('my.action.start')
        : item.status === 'in_progress'
          ? t('my.action.continue')
          : item.status === 'returned'
            ? t('my.action.fix')
            : t('my.action.view');

  return (
    <li
      className={`my-card${open ? ' my-card-open' : ''}`}
      data-testid="my-assessment"
      data-status={item.status}
    >
      <div className="my-card-head">
        <p className="my-card-buyer">
          {item.side === 'supplier'
            ? t('my.from', { buyer: item.buyerName })
            : t('my.supplier', { supplier: item.supplierName })}
        </p>
        <AssessmentStatusBadge status={item.status} />
      </div>
      <h3 className="my-card-title">{item.campaignTitle}</h3>
      <dl className="facts">
        {item.side === 'supplier' && (
          <div>
            <dt>{t('my.answeringFor')}</dt>
            <dd>{item.supplierName}</dd>
          </div>
        )}
        <div>
          <dt>{t('fields.dueDate')}</dt>
          <dd>
            {formatDate(item.dueDate, i18n.resolvedLanguage)}
            {due && <span className={`badge ${due.tone}`}>{due.text}</span>}
          </dd>
        </div>
        {item.targetLabel && (
          <div>
            <dt>{t('my.target')}</dt>
            <dd data-testid="my-target">{item.targetLabel[lang]}</dd>
          </div>
        )}
        <div>
          <dt>{t('my.reached')}</dt>
          <dd>{item.levelLabel ? item.levelLabel[lang] : t('my.notReached')}</dd>
        </div>
        <div>
          <dt>{t('fields.progress')}</dt>
          <dd>
            <Progress answered={item.answered} inScope={item.inScope} />
          </dd>
        </div>
      </dl>
      {item.status === 'returned' && item.side === 'supplier' && (
        <p className="alert alert-warning">{t('my.returnedHint')}</p>
      )}
      <Link
        to={assessmentPath(item.id)}
        className={`button button-block${open ? ' button-primary' : ''}`}
        aria-label={`${action}: ${item.campaignTitle}`}
      >
        {action}
      </Link>
    </li>
  );
}
