import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../api/types';

export const TIERS: readonly Tier[] = [1, 2];
export const tierPanelId = 'supplier-tier-panel';

export function TierTabs({ tier, onChange }: { tier: Tier; onChange(tier: Tier): void }) {
  const { t } = useTranslation();

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next =
      TIERS[(TIERS.indexOf(tier) + (event.key === 'ArrowRight' ? 1 : TIERS.length - 1)) % TIERS.length];
    if (next !== undefined) {
      onChange(next);
      document.getElementById(`tier-tab-${next}`)?.focus();
    }
  }

  return (
    <div className="tabs" role="tablist" aria-label={t('suppliers.tiersLabel')} onKeyDown={onKeyDown}>
      {TIERS.map((value) => (
        <button
          key={value}
          type="button"
          role="tab"
          id={`tier-tab-${value}`}
          data-testid={`tier-tab-${value}`}
          aria-selected={value === tier}
          aria-controls={tierPanelId}
          tabIndex={value === tier ? 0 : -1}
          className="tab"
          onClick={() => onChange(value)}
        >
          <span className="tab-title">{t(value === 1 ? 'suppliers.tier1' : 'suppliers.tier2')}</span>
          <span className="tab-hint">{t(value === 1 ? 'suppliers.tier1Hint' : 'suppliers.tier2Hint')}</span>
        </button>
      ))}
    </div>
  );
}
