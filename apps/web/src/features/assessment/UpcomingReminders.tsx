import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { components } from '../../api/schema';

type Upcoming = components['schemas']['UpcomingReminderDto'];

/** The reminders this assessment will send, so nobody is surprised by them (a supplier can see what is coming). */
export function UpcomingReminders({ assessmentId }: { assessmentId: string }) {
  const { t, i18n } = useTranslation('assessment');
  const [items, setItems] = useState<Upcoming[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.client
      .GET('/api/assessments/{assessmentId}/reminders', {
        params: { path: { assessmentId } },
        signal: controller.signal,
      })
      .then(({ data }) => {
        if (!controller.signal.aborted) setItems(data?.items ?? []);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [assessmentId]);

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
