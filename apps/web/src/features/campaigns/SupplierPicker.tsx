import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkItem, Tier } from '../../api/types';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { SearchBox } from '../../lib/SearchBox';
import { useNetworkPage } from '../suppliers/api';

const PICK_PAGE_SIZE = 20;

export interface PickedSupplier {
  id: string;
  name: string;
  tier: Tier;
}

interface Props {
  orgId: string;
  picked: readonly PickedSupplier[];
  onChange(picked: PickedSupplier[]): void;
}

const TIER_FILTERS = ['all', '1', '2', '3'] as const;
type TierFilter = (typeof TIER_FILTERS)[number];
const TIERS: readonly Tier[] = [1, 2, 3];

/** Hand-picks suppliers from the buyer's visible network: search, tick, and see the choice as removable chips. */
export function SupplierPicker({ orgId, picked, onChange }: Props) {
  const { t } = useTranslation('campaigns');
  const id = useId();
  const [q, setQ] = useState('');
  const [tier, setTier] = useState<TierFilter>('all');
  const pickedIds = new Set(picked.map((p) => p.id));

  function toggle(item: NetworkItem, on: boolean) {
    if (on && !pickedIds.has(item.supplier.id)) {
      onChange([...picked, { id: item.supplier.id, name: item.supplier.name, tier: item.tier }]);
    } else if (!on) {
      onChange(picked.filter((p) => p.id !== item.supplier.id));
    }
  }

  return (
    <div className="supplier-picker">
      <div className="picker-filters">
        <SearchBox initial={q} onSearch={setQ} />
        <div className="field">
          <label htmlFor={`${id}-tier`}>{t('new.pickTier')}</label>
          <select
            id={`${id}-tier`}
            value={tier}
            onChange={(e) => setTier(TIER_FILTERS.find((f) => f === e.target.value) ?? 'all')}
          >
            {TIER_FILTERS.map((f) => (
              <option key={f} value={f}>
                {f === 'all' ? t('new.allTiers') : t('common.tierValue', { tier: f })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <PickerResults
        key={`${orgId}|${tier}|${q}`}
        orgId={orgId}
        tier={tier === 'all' ? undefined : TIERS.find((n) => String(n) === tier)}
        q={q}
        pickedIds={pickedIds}
        onToggle={toggle}
      />
      <div className="picked" aria-live="polite">
        <p className="picked-title">{t('new.pickedCount', { count: picked.length })}</p>
        {picked.length > 0 && (
          <ul className="chips">
            {picked.map((p) => (
              <li key={p.id} className="chip">
                <span>
                  {p.name} <span className="muted">{t('common.tierValue', { tier: p.tier })}</span>
                </span>
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t('new.unpick', { name: p.name })}
                  onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface ResultsProps {
  orgId: string;
  tier: Tier | undefined;
  q: string;
  pickedIds: ReadonlySet<string>;
  onToggle(item: NetworkItem, on: boolean): void;
}

/** One search's results; "show more" follows the keyset cursor and keeps the earlier pages. */
function PickerResults({ orgId, tier, q, pickedIds, onToggle }: ResultsProps) {
  const { t } = useTranslation('campaigns');
  const [cursors, setCursors] = useState<string[]>([]);
  return (
    <div className="picker-results">
      <PickerPage
        orgId={orgId}
        tier={tier}
        q={q}
        cursor={undefined}
        pickedIds={pickedIds}
        onToggle={onToggle}
        onMore={cursors.length === 0 ? (next) => setCursors([next]) : undefined}
        first
      />
      {cursors.map((cursor, index) => (
        <PickerPage
          key={cursor}
          orgId={orgId}
          tier={tier}
          q={q}
          cursor={cursor}
          pickedIds={pickedIds}
          onToggle={onToggle}
          onMore={index === cursors.length - 1 ? (next) => setCursors((c) => [...c, next]) : undefined}
        />
      ))}
      <p className="visually-hidden">{t('new.pickHelp')}</p>
    </div>
  );
}

interface PageProps extends ResultsProps {
  cursor: string | undefined;
  /** Set on the last page loaded: shows "show more" when there is a next page. */
  onMore?: (cursor: string) => void;
  first?: boolean;
}

function PickerPage({ orgId, tier, q, cursor, pickedIds, onToggle, onMore, first }: PageProps) {
  const { t } = useTranslation('campaigns');
  const query = useNetworkPage(orgId, { limit: PICK_PAGE_SIZE, tier, q, cursor });
  const { data: page, isFetching: loading, refetch } = query;
  const error = query.isError ? query.error : null;
  if (error !== null) {
    return (
      <>
        <ErrorMessage error={error} />
        <button type="button" className="button" onClick={() => void refetch()}>
          {t('common.retry')}
        </button>
      </>
    );
  }
  if (!page) return <p role="status">{t('common.loading')}</p>;
  if (first && page.items.length === 0) {
    return (
      <p className="empty" role="status">
        {q ? t('new.pickNoMatch', { q }) : t('new.pickEmpty')}
      </p>
    );
  }
  return (
    <>
      <ul className="pick-list">
        {page.items.map((item) => (
          <li key={item.linkId}>
            <label className="pick-item">
              <input
                type="checkbox"
                checked={pickedIds.has(item.supplier.id)}
                onChange={(e) => onToggle(item, e.target.checked)}
              />
              <span className="pick-name">{item.supplier.name}</span>
              <span className="muted pick-meta">
                {t('common.tierValue', { tier: item.tier })}
                {item.via ? ` · ${t('new.via', { name: item.via.name })}` : ''}
                {item.tags.length > 0 ? ` · ${item.tags.join(', ')}` : ''}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {onMore && page.nextCursor && (
        <button
          type="button"
          className="button button-block"
          disabled={loading}
          onClick={() => page.nextCursor && onMore(page.nextCursor)}
        >
          {t('common.loadMore')}
        </button>
      )}
    </>
  );
}
