import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { orgPath, preferredMembership } from './organization';

export function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  // Supplier-side people (respondents only) start with what they have to answer.
  if (me.memberships.length > 0 && me.memberships.every((m) => m.role === 'respondent')) {
    return <Navigate to="/my" replace />;
  }
  const membership = preferredMembership(me.memberships);
  if (!membership) {
    return (
      <div className="page-status">
        <p role="status">{t('shell.noOrgs')}</p>
        <Link to="/my">{t('shell.myAssessments')}</Link>
      </div>
    );
  }
  return <Navigate to={orgPath(membership.organizationId)} replace />;
}
