import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { orgPath, rememberOrganization, useOrgIdFromUrl } from './organization';

export function OrgSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const current = useOrgIdFromUrl();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const id = useId();

  // Organization pages (suppliers, campaigns, insights) are for buyer staff; a respondent-only account works
  // from "My assessments" and has nothing to switch between.
  const staff = me.memberships.filter((m) => m.role !== 'respondent');
  if (staff.length === 0) return null;

  function switchTo(orgId: string) {
    rememberOrganization(orgId);
    // Stay on the same kind of page (e.g. suppliers) in the other organization; drop filters.
    const rest = /^\/orgs\/[^/]+\/(.+)$/.exec(pathname)?.[1] ?? 'suppliers';
    navigate(orgPath(orgId, rest));
  }

  return (
    <div className="inline-field org-switcher">
      <label htmlFor={id}>{t('shell.org')}</label>
      <select
        id={id}
        data-testid="org-switcher"
        value={current ?? ''}
        onChange={(e) => switchTo(e.target.value)}
      >
        {current === undefined && <option value="" disabled />}
        {staff.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {t('shell.orgOption', { name: m.organizationName, role: t(`roles.${m.role}`) })}
          </option>
        ))}
      </select>
    </div>
  );
}
