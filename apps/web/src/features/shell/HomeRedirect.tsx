import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { orgPath, preferredMembership } from './organization';

export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = preferredMembership(me.memberships);
  if (!membership) {
    return (
      <p className="page-status" role="status">
        {t('shell.noOrgs')}
      </p>
    );
  }
  return <Navigate to={orgPath(membership.organizationId)} replace />;
}
