import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useMe, useSession } from '../auth/session';
import { campaignsPath } from '../campaigns/format';
import { canViewCampaigns } from '../../lib/roles';
import { canViewInsights, insightsPath } from '../insights/format';
import { buyerRemediationPath, remediationBoardPath } from '../remediation/model';
import { LanguageSwitch } from './LanguageSwitch';
import { orgPath, preferredMembership, useOrgIdFromUrl } from './organization';
import { OrgSwitcher } from './OrgSwitcher';

export function AppShell() {
  const { t } = useTranslation();
  const { t: tr } = useTranslation('remediation');
  const me = useMe();
  const { logout } = useSession();
  const orgId = useOrgIdFromUrl();
  // Outside an organization's pages (my assessments, an assessment), link to the one used last.
  const navMembership =
    orgId !== undefined
      ? me.memberships.find((m) => m.organizationId === orgId)
      : preferredMembership(me.memberships);
  const navOrgId = orgId ?? navMembership?.organizationId;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-row">
          <span className="brand">{t('app.name')}</span>
          <div className="app-header-tools">
            <span className="user-name">{t('auth.signedInAs', { name: me.user.name })}</span>
            <NavLink to="/account" className="button button-quiet" data-testid="nav-account">
              {t('auth.account')}
            </NavLink>
            <LanguageSwitch />
            <button type="button" className="button button-quiet" onClick={() => void logout()}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
        <div className="app-header-row">
          <OrgSwitcher />
          <nav aria-label={t('shell.mainNav')} className="app-nav">
            {orgId !== undefined && <NavLink to={orgPath(orgId)}>{t('shell.suppliers')}</NavLink>}
            {navOrgId !== undefined && canViewCampaigns(navMembership?.role) && (
              <NavLink to={campaignsPath(navOrgId)} data-testid="nav-campaigns">
                {t('shell.campaigns')}
              </NavLink>
            )}
            {navOrgId !== undefined && canViewInsights(navMembership?.role) && (
              <NavLink to={insightsPath(navOrgId)} data-testid="nav-insights">
                {t('nav', { ns: 'insights' })}
              </NavLink>
            )}
            {navOrgId !== undefined && canViewCampaigns(navMembership?.role) && (
              <NavLink to={buyerRemediationPath(navOrgId)} data-testid="nav-org-remediation">
                {tr('nav.buyer')}
              </NavLink>
            )}
            <NavLink to="/my" data-testid="nav-my">
              {t('shell.myAssessments')}
            </NavLink>
            <NavLink to={remediationBoardPath} end data-testid="nav-remediation">
              {tr('nav.board')}
            </NavLink>
          </nav>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
