import { useTranslation } from 'react-i18next';
import { useUpcomingReminders } from './api';

/** The reminders this assessment will send, so nobody is surprised by them (a supplier can see what is coming). */
export function UpcomingReminders({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation('assessment');
  const { data: items } = useUpcomingReminders(assessmentId);

  if (!items || items.length === 0) return null;
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  });
  return (
    <details className="panel reminders-panel" data-testid="upcoming-reminders">
      <summary>{t('reminders.title', { count: items.length })}</summary>
      <p className="muted">{t('reminders.help')}</p>
      <ul>
        {items.slice(0, 10).map((r) => (
          <li key={`${r.subject}-${r.kind}-${r.sendAt}-${r.criterionId ?? ''}`}>
            <time dateTime={r.sendAt}>{format.format(new Date(r.sendAt))}</time>{' '}
            {t(`reminders.kind.${r.kind}`)}
            {r.criterionId ? ` (${r.criterionId})` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
