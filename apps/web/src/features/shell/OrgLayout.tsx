import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { rememberOrganization, useCurrentMembership } from './organization';

/** Guards `/orgs/:orgId/*`: only organizations the user belongs to, and remembers the choice. */
export function OrgLayout() {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  const orgId = membership?.organizationId;

  useEffect(() => {
    if (orgId) rememberOrganization(orgId);
  }, [orgId]);

  if (!membership) {
    return (
      <div className="page-status">
        <p role="alert">{t('shell.noAccess')}</p>
        <Link to="/">{t('shell.backHome')}</Link>
      </div>
    );
  }
  return <Outlet />;
}
