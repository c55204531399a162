import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router-dom';
import { useMe, useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { orgPath, useOrgIdFromUrl } from './organization';
import { OrgSwitcher } from './OrgSwitcher';

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useSession();
  const orgId = useOrgIdFromUrl();

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
            <LanguageSwitch />
            <button type="button" className="button button-quiet" onClick={() => void logout()}>
              {t('auth.logout')}
            </button>
          </div>
        </div>
        <div className="app-header-row">
          <OrgSwitcher />
          {orgId !== undefined && (
            <nav aria-label={t('shell.mainNav')} className="app-nav">
              <NavLink to={orgPath(orgId)}>{t('shell.suppliers')}</NavLink>
            </nav>
          )}
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
