import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from './model';
import type { Answer } from './types';

interface Props {
  title: string;
  mine: Draft;
  theirs: Answer;
  onKeepMine(): void;
  onUseTheirs(): void;
}

/** Someone else saved this answer meanwhile: shows both versions side by side and lets the person choose. */
export function ConflictDialog({ title, mine, theirs, onKeepMine, onUseTheirs }: Props) {
  const { t } = useTranslation('assessment');
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className="conflict-dialog"
      data-testid="conflict-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      // Escape must not dismiss it without a choice.
      onCancel={(e) => e.preventDefault()}
    >
      <h2 id={`${id}-title`}>{t('conflict.title')}</h2>
      <p id={`${id}-body`}>{t('conflict.body', { title })}</p>
      <div className="conflict-versions">
        <section className="conflict-version" aria-labelledby={`${id}-mine`}>
          <h3 id={`${id}-mine`}>{t('conflict.mine')}</h3>
          <VersionText value={mine.value} note={mine.note} naReason={mine.naReason} />
        </section>
        <section className="conflict-version" aria-labelledby={`${id}-theirs`}>
          <h3 id={`${id}-theirs`}>{t('conflict.theirs')}</h3>
          <VersionText value={theirs.value} note={theirs.note} naReason={theirs.naReason} />
        </section>
      </div>
      <div className="form-actions conflict-actions">
        <button type="button" className="button button-primary" data-testid="keep-mine" onClick={onKeepMine}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" className="button" data-testid="use-theirs" onClick={onUseTheirs}>
          {t('conflict.useTheirs')}
        </button>
      </div>
    </dialog>
  );
}

function VersionText({ value, note, naReason }: Draft) {
  const { t } = useTranslation('assessment');
  return (
    <dl className="version-text">
      <dt>{t('conflict.answer')}</dt>
      <dd>{value === null ? t('answer.none') : t(`answer.${value}`)}</dd>
      {value === 'not_applicable' && (
        <>
          <dt>{t('criterion.naReason')}</dt>
          <dd>{naReason || t('conflict.empty')}</dd>
        </>
      )}
      <dt>{t('criterion.note')}</dt>
      <dd>{note || t('conflict.empty')}</dd>
    </dl>
  );
}
