import { useTranslation } from 'react-i18next';
import { levelLabel, localized } from './model';
import type { Criterion, Level } from './types';

/** Official id and level, then our plain-language title and explanation. */
export function CriterionHeading({ criterion, levels }: { criterion: Criterion; levels: readonly Level[] }) {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language;
  return (
    <>
      <p className="criterion-meta">
        <span className="criterion-id">{t('criterion.officialId', { id: criterion.id })}</span>
        <span className="badge badge-level">{levelLabel(levels, criterion.level, lang)}</span>
      </p>
      <h3 className="criterion-title">{localized(criterion.title, lang)}</h3>
      <p className="criterion-explanation">{localized(criterion.explanation, lang)}</p>
    </>
  );
}
