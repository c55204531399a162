import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from './session';

export interface LoginLocationState {
  from?: string;
  expired?: boolean;
}

/** Renders the page when signed in; otherwise sends the user to /login and back afterwards. */
export function RequireAuth() {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return (
      <p className="page-status" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="page-status">
        <ErrorMessage error={state.error} />
        <button type="button" className="button" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (state.status === 'signedOut') {
    const loginState: LoginLocationState = {
      from: `${location.pathname}${location.search}`,
      expired: state.expired,
    };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return <Outlet />;
}
