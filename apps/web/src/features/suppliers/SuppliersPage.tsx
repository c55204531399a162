import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import type { Tier } from '../../api/types';
import { SupplierRequestsPanel } from '../requests/SupplierRequestsPanel';
import { canManageSuppliers, canViewSuppliers, useCurrentMembership } from '../shell/organization';
import { AddSupplierForm } from './AddSupplierForm';
import { ImportSuppliersForm } from './ImportSuppliersForm';
import { SearchBox } from '../../lib/SearchBox';
import { SupplierResults } from './SupplierResults';
import { TierTabs } from './TierTabs';

export function SuppliersPage() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const membership = useCurrentMembership();
  const [params, setParams] = useSearchParams();
  const tier: Tier = params.get('tier') === '2' ? 2 : 1;
  const q = params.get('q') ?? '';

  function update(changes: { tier?: Tier; q?: string }) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (changes.tier !== undefined) {
          if (changes.tier === 1) next.delete('tier');
          else next.set('tier', String(changes.tier));
        }
        if (changes.q !== undefined) {
          if (changes.q) next.set('q', changes.q);
          else next.delete('q');
        }
        return next;
      },
      { replace: changes.tier === undefined },
    );
  }

  const canManage = canManageSuppliers(membership?.role);

  if (membership && !canViewSuppliers(membership.role)) {
    return (
      <div className="page">
        <h1>{t('suppliers.title')}</h1>
        <p className="empty" role="status">
          {t('suppliers.notForRole', { role: t(`roles.${membership.role}`) })}
        </p>
      </div>
    );
  }

  return (
    <div className="page">
      <h1>{t('suppliers.title')}</h1>
      {membership?.role === 'admin' && <SupplierRequestsPanel key={orgId} orgId={orgId} />}
      <TierTabs tier={tier} onChange={(next) => update({ tier: next })} />
      <SearchBox key={orgId} initial={q} onSearch={(next) => update({ q: next })} />
      <SupplierResults key={`${orgId}|${tier}|${q}`} orgId={orgId} tier={tier} q={q} canAdd={canManage} />
      {canManage && (
        <div className="manage">
          <AddSupplierForm orgId={orgId} />
          <ImportSuppliersForm orgId={orgId} />
        </div>
      )}
    </div>
  );
}
