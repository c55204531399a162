import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { localized } from '../../lib/format';
import { percent } from '../insights/format';
import { RadarChart } from '../insights/RadarChart';
import { useBenchmark } from './api';
import type { Group } from './types';

const OWN_COLOR = '--series-own';
const PEER_COLOR = '--series-reference';

/** How this assessment compares with similar companies, per category (only once there are enough of them). */
export function BenchmarkPanel({ assessmentId, groups }: { assessmentId: string; groups: readonly Group[] }) {
  const { t, i18n } = useTranslation('insights');
  const language = i18n.resolvedLanguage;
  const id = useId();
  const { data, error } = useBenchmark(assessmentId);
  const name = (groupId: string) =>
    localized(groups.find((g) => g.id === groupId)?.title, language) || groupId;

  return (
    <section className="panel benchmark-panel" aria-labelledby={`${id}-title`} data-testid="benchmark-panel">
      <h2 id={`${id}-title`}>{t('benchmark.title')}</h2>
      {error !== null ? (
        <ErrorMessage error={error} />
      ) : !data ? (
        <p role="status">{t('common.loading')}</p>
      ) : !data.enoughData ? (
        <p className="empty" role="status" data-testid="benchmark-not-enough">
          {t('benchmark.notEnough', { minimum: data.minimumPeers })}
        </p>
      ) : (
        <>
          <p className="muted">{t('benchmark.lead', { peers: data.peers })}</p>
          {data.categories.length >= 3 ? (
            <RadarChart
              caption={t('benchmark.caption')}
              categories={data.categories.map((c) => name(c.groupId))}
              series={[
                { name: t('benchmark.own'), values: data.categories.map((c) => c.rate), color: OWN_COLOR },
                {
                  name: t('benchmark.peers'),
                  values: data.categories.map((c) => c.peerAverage),
                  color: PEER_COLOR,
                  dashed: true,
                },
              ]}
            />
          ) : (
            <ul>
              {data.categories.map((c) => (
                <li key={c.groupId}>
                  {t('benchmark.line', {
                    category: name(c.groupId),
                    own: percent(c.rate, language),
                    peers: percent(c.peerAverage, language),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p className="hint">{t('benchmark.privacy', { minimum: data.minimumPeers })}</p>
        </>
      )}
    </section>
  );
}
