import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { forgetRedemption, otherAccount, useRedeemLink } from './api';
import type { RespondLocationState } from './ClaimAccountPanel';
import { tokenFromHash } from './token';

function isGone(failure: unknown): boolean {
  return (
    typeof failure === 'object' &&
    failure !== null &&
    ((failure as { code?: unknown }).code === 'ACCESS_LINK_INVALID' ||
      (failure as { status?: unknown }).status === 410)
  );
}

/** Opens an emailed link: signs the person in and takes them to their questionnaire. */
export function RespondPage() {
  const { t } = useTranslation('assessment');
  const navigate = useNavigate();
  const { t: tc } = useTranslation();
  const { state: session, signedIn } = useSession();
  // Wait for the app's own session check, so its answer cannot overwrite the session the link opens.
  const sessionChecked = session.status !== 'loading';
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [attempt, setAttempt] = useState(0);
  // Someone else is signed in: the link is redeemed only after they choose to switch (never silently).
  const [switchAccount, setSwitchAccount] = useState(false);
  const redeem = useRedeemLink();
  const { mutate, reset } = redeem;
  const other = redeem.isError ? otherAccount(redeem.error) : null;
  const phase = !token ? 'noToken' : other ? 'otherAccount' : redeem.isError ? 'failed' : 'working';

  useEffect(() => {
    // Take the token out of the address bar and the history at once.
    if (window.location.hash) {
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${window.location.search}`,
      );
    }
  }, []);

  useEffect(() => {
    if (!token || !sessionChecked) return;
    let live = true;
    mutate(
      { token, switchAccount },
      {
        onSuccess({ me, assessmentId, needsPassword }) {
          if (!live) return;
          signedIn(me);
          const state: RespondLocationState = { needsPassword };
          navigate(`/assessments/${encodeURIComponent(assessmentId)}`, { replace: true, state });
        },
      },
    );
    return () => {
      live = false;
    };
  }, [token, sessionChecked, attempt, switchAccount, mutate, navigate, signedIn]);

  function retry() {
    if (token) forgetRedemption({ token, switchAccount });
    reset();
    setAttempt((n) => n + 1);
  }

  function continueAsLinkOwner() {
    reset();
    setSwitchAccount(true);
  }

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-card respond-card" id="main">
        <p className="brand brand-large">{tc('app.name')}</p>
        <h1>{t('respond.title')}</h1>
        {phase === 'working' && (
          <p role="status" data-testid="respond-status">
            {t('respond.working')}
          </p>
        )}
        {phase === 'otherAccount' && other && (
          <div data-testid="respond-other-account">
            <div className="alert alert-warning" role="alert">
              <p>{t('respond.otherTitle')}</p>
            </div>
            <p>{t('respond.otherBody', { linkEmail: other.linkEmail, currentEmail: other.currentEmail })}</p>
            <div className="respond-choices">
              <button
                type="button"
                className="button button-primary button-block"
                data-testid="respond-switch"
                onClick={continueAsLinkOwner}
              >
                {t('respond.switch', { linkEmail: other.linkEmail, currentEmail: other.currentEmail })}
              </button>
              <Link className="button button-block" to="/" replace data-testid="respond-stay">
                {t('respond.stay', { currentEmail: other.currentEmail })}
              </Link>
            </div>
          </div>
        )}
        {phase === 'noToken' && (
          <>
            <p className="alert alert-error" role="alert">
              {t('respond.noToken')}
            </p>
            <p>
              <Link to="/login">{t('respond.login')}</Link>
            </p>
          </>
        )}
        {phase === 'failed' &&
          (isGone(redeem.error) ? (
            <div data-testid="respond-link-invalid">
              <div className="alert alert-error" role="alert">
                <p>{t('respond.invalidTitle')}</p>
              </div>
              <p>{t('respond.invalidBody')}</p>
              <p>
                <Link className="button button-primary button-block" to="/login">
                  {t('respond.login')}
                </Link>
              </p>
            </div>
          ) : (
            <>
              <ErrorMessage error={redeem.error} />
              <button type="button" className="button" onClick={retry}>
                {t('respond.retry')}
              </button>
            </>
          ))}
      </main>
    </div>
  );
}
