import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { criterionAnchor, levelLabel, localized } from './model';
import type { Assessment, Criterion } from './types';

/** Scrolls to a criterion (opening its section) and moves focus there. */
export function goToCriterion(criterionId: string, event?: MouseEvent) {
  const target = document.getElementById(criterionAnchor(criterionId));
  if (!target) return;
  event?.preventDefault();
  const section = target.closest('details');
  if (section && !section.open) section.open = true;
  target.scrollIntoView({ behavior: 'smooth', block: 'start' });
  target.focus({ preventScroll: true });
}

interface Props {
  assessment: Assessment;
  /** Side by side claimed and confirmed levels (the buyer's and evaluator's view). */
  showConfirmed: boolean;
  pendingReuse: number;
}

/** The live score: level reached, progress, and what is still missing for the target level. */
export function ScorePanel({ assessment, showConfirmed, pendingReuse }: Props) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language;
  const { score, catalogue } = assessment;
  const claimed = levelLabel(catalogue.levels, score.level, lang);
  const confirmed = levelLabel(catalogue.levels, score.confirmedLevel, lang);
  const target = levelLabel(catalogue.levels, assessment.targetLevel, lang);
  const criteria = new Map<string, Criterion>(catalogue.criteria.map((c) => [c.id, c]));
  const percent = score.inScope > 0 ? Math.round((score.answered / score.inScope) * 100) : 0;

  return (
    <aside className="score-panel" aria-label={t('score.label')}>
      <div className="score-levels">
        <div className="score-level-box">
          <span className="score-caption">{showConfirmed ? t('score.claimed') : t('score.current')}</span>
          <strong data-testid="score-level" className={claimed ? 'score-value' : 'score-value is-none'}>
            {claimed ?? t('score.notReached')}
          </strong>
        </div>
        {showConfirmed && (
          <div className="score-level-box">
            <span className="score-caption">{t('score.confirmed')}</span>
            <strong
              data-testid="score-confirmed-level"
              className={confirmed ? 'score-value' : 'score-value is-none'}
            >
              {confirmed ?? t('score.notConfirmed')}
            </strong>
          </div>
        )}
        {target && (
          <div className="score-level-box">
            <span className="score-caption">{t('score.target')}</span>
            <strong className="score-value">{target}</strong>
          </div>
        )}
      </div>
      <div className="score-progress">
        <label className="score-caption" htmlFor="assessment-progress">
          {t('score.progress', { answered: score.answered, total: score.inScope, percent })}
        </label>
        <progress
          id="assessment-progress"
          data-testid="score-progress"
          max={Math.max(score.inScope, 1)}
          value={score.answered}
        />
      </div>
      {pendingReuse > 0 && <p className="score-note">{t('score.pendingReuse', { count: pendingReuse })}</p>}
      {score.gaps.length > 0 && (
        <details className="gap-list">
          <summary>{t('score.gaps', { count: score.gaps.length })}</summary>
          <ul>
            {score.gaps.map((gap) => {
              const criterion = criteria.get(gap);
              return (
                <li key={gap} data-testid="gap-item">
                  <a href={`#${criterionAnchor(gap)}`} onClick={(e) => goToCriterion(gap, e)}>
                    <span className="criterion-id">{gap}</span>{' '}
                    {criterion ? localized(criterion.title, lang) : ''}
                  </a>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </aside>
  );
}
