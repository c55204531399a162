import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { type SupplierChange, useUpdateCampaignSupplier } from './api';
import { type CampaignSupplier, NO_TRIAGE, type Triage, TRIAGE_QUESTIONS } from './types';
import type { CatalogueLevels } from './useCatalogueLevels';

interface Props {
  orgId: string;
  campaignId: string;
  rows: readonly CampaignSupplier[];
  levels: CatalogueLevels;
  canEdit: boolean;
}

/** Before launch: the three triage questions per supplier, the suggested and target level, and the contact. */
export function TriageTable({ orgId, campaignId, rows, levels, canEdit }: Props) {
  const { t } = useTranslation('campaigns');
  const col = {
    supplier: t('columns.supplier'),
    triage: t('columns.triage'),
    suggested: t('columns.suggested'),
    target: t('columns.target'),
    contact: t('columns.contact'),
  };
  return (
    <div className="table-wrap">
      <table className="supplier-table campaign-table triage-table">
        <thead>
          <tr>
            <th scope="col">{col.supplier}</th>
            <th scope="col">{col.triage}</th>
            <th scope="col">{col.suggested}</th>
            <th scope="col">{col.target}</th>
            <th scope="col">{col.contact}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TriageRow
              key={row.supplierId}
              orgId={orgId}
              campaignId={campaignId}
              row={row}
              levels={levels}
              canEdit={canEdit}
              col={col}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps extends Omit<Props, 'rows'> {
  row: CampaignSupplier;
  col: Record<'supplier' | 'triage' | 'suggested' | 'target' | 'contact', string>;
}

function TriageRow({ orgId, campaignId, row, levels, canEdit, col }: RowProps) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  // Changes are saved one after another, so a quick second tick never overtakes the first.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const waiting = useRef(0);
  const [inFlight, setInFlight] = useState(0);
  // What the user ticked last, shown until every change has been saved.
  const [optimistic, setOptimistic] = useState<Triage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const pending = inFlight > 0;
  const triage = optimistic ?? row.triage ?? NO_TRIAGE;
  const sid = row.supplierId;
  const { mutateAsync: update } = useUpdateCampaignSupplier(orgId, campaignId, sid);
  const overridden =
    row.targetLevel !== null && row.suggestedLevel !== null && row.targetLevel !== row.suggestedLevel;

  // The saved row replaces the shown one in the cached list (see useUpdateCampaignSupplier).
  async function send(body: SupplierChange): Promise<boolean> {
    try {
      await update(body);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  }

  function save(body: SupplierChange) {
    setError(null);
    waiting.current += 1;
    setInFlight(waiting.current);
    queue.current = queue.current.then(async () => {
      const ok = await send(body);
      waiting.current -= 1;
      // Last change saved (or one failed): show what the server has.
      if (waiting.current === 0 || !ok) setOptimistic(null);
      setInFlight(waiting.current);
    });
  }

  return (
    <tr data-testid="campaign-supplier-row" data-supplier-id={sid} aria-busy={pending}>
      <th scope="row" data-label={col.supplier} className="cell-name">
        <span id={`${id}-name`}>{row.supplierName}</span>{' '}
        <span className="badge badge-muted">{t('common.tierValue', { tier: row.tier })}</span>
        {error !== null && <ErrorMessage error={error} />}
      </th>
      <td data-label={col.triage}>
        <fieldset className="triage" aria-describedby="triage-help" disabled={!canEdit}>
          <legend className="visually-hidden">{t('triage.legend', { name: row.supplierName })}</legend>
          {TRIAGE_QUESTIONS.map((question) => (
            <label key={question} className="check-row">
              <input
                type="checkbox"
                data-testid={`triage-${sid}-${question}`}
                checked={triage[question]}
                onChange={(e) => {
                  const next = { ...triage, [question]: e.target.checked };
                  setOptimistic(next);
                  save({ triage: next });
                }}
              />
              <span>{t(`triage.short.${question}`)}</span>
            </label>
          ))}
        </fieldset>
      </td>
      <td data-label={col.suggested} data-testid={`suggested-${sid}`}>
        {pending && optimistic !== null ? (
          <span className="muted">{t('common.saving')}</span>
        ) : (
          <span className="level">{levels.label(row.suggestedLevel)}</span>
        )}
      </td>
      <td data-label={col.target}>
        {row.targetLevel === null || levels.levels.length === 0 ? (
          <span className="muted">{levels.label(row.targetLevel)}</span>
        ) : (
          <div className="target-cell">
            <label htmlFor={`${id}-target`} className="visually-hidden">
              {t('triage.targetFor', { name: row.supplierName })}
            </label>
            <select
              id={`${id}-target`}
              data-testid={`target-${sid}`}
              value={row.targetLevel}
              disabled={!canEdit}
              onChange={(e) => save({ targetLevel: Number(e.target.value) })}
            >
              {levels.levels.map((level) => (
                <option key={level.rank} value={level.rank}>
                  {levels.label(level.rank)}
                  {level.rank === row.suggestedLevel ? ` ${t('triage.suggestedMark')}` : ''}
                </option>
              ))}
            </select>
            {overridden && <span className="hint">{t('triage.overridden')}</span>}
          </div>
        )}
      </td>
      <td data-label={col.contact} className="cell-email">
        {row.contactEmail ? (
          row.contactEmail
        ) : (
          <>
            <span className="badge badge-warning" data-testid={`missing-email-${sid}`}>
              {t('triage.noEmail')}
            </span>
            {canEdit && (
              <form
                className="inline-email"
                onSubmit={(e) => {
                  e.preventDefault();
                  const email = new FormData(e.currentTarget).get('email');
                  if (typeof email === 'string' && email.trim()) save({ contactEmail: email.trim() });
                }}
              >
                <label htmlFor={`${id}-email`} className="visually-hidden">
                  {t('triage.emailFor', { name: row.supplierName })}
                </label>
                <input
                  id={`${id}-email`}
                  name="email"
                  type="email"
                  required
                  autoComplete="off"
                  data-testid={`contact-email-${sid}`}
                />
                <button type="submit" className="button" disabled={pending}>
                  {t('triage.saveEmail')}
                </button>
              </form>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
