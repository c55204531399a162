import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorMessage } from '../../lib/ErrorMessage';
import { useSession } from '../auth/session';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import type { RespondLocationState } from './ClaimAccountPanel';
import { tokenFromHash } from './token';

interface Redeemed {
  assessmentId: string;
  needsPassword: boolean;
}

// A link works once: redeem each token only once per page (and choice), even if the effect runs twice.
const redemptions = new Map<string, Promise<Redeemed>>();

function redeemOnce(token: string, switchAccount: boolean): Promise<Redeemed> {
  const key = `${switchAccount ? 'switch' : 'ask'}|${token}`;
  let pending = redemptions.get(key);
  if (!pending) {
    pending = (async () => {
      const { data, error } = await api.client.POST('/api/access-links/redeem', {
        body: switchAccount ? { token, switchAccount: true } : { token },
      });
      if (!data) throw error ?? new Error('redeem failed');
      return data;
    })();
    redemptions.set(key, pending);
  }
  return pending;
}

type Phase =
  | { kind: 'working' }
  | { kind: 'noToken' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'otherAccount'; linkEmail: string; currentEmail: string };

function isGone(failure: unknown): boolean {
  return (
    typeof failure === 'object' &&
    failure !== null &&
    ((failure as { code?: unknown }).code === 'ACCESS_LINK_INVALID' ||
      (failure as { status?: unknown }).status === 410)
  );
}

/** The API's answer when someone else is signed in on this browser: whose link it is, and who is signed in. */
function otherAccount(failure: unknown): { linkEmail: string; currentEmail: string } | null {
  if (typeof failure !== 'object' || failure === null) return null;
  const f = failure as { code?: unknown; linkEmail?: unknown; currentEmail?: unknown };
  return f.code === 'ACCESS_LINK_OTHER_ACCOUNT' &&
    typeof f.linkEmail === 'string' &&
    typeof f.currentEmail === 'string'
    ? { linkEmail: f.linkEmail, currentEmail: f.currentEmail }
    : null;
}

/**
 * Opens an emailed link: signs the person in and takes them to their questionnaire. When someone else is
 * signed in on this browser, it first shows whose link it is and asks before switching accounts.
 */
export function RespondPage() {
  const { t } = useTranslation('assessment');
  const navigate = useNavigate();
  const { t: tc } = useTranslation();
  const { state: session, signedIn } = useSession();
  // Wait for the app's own session check, so its answer cannot overwrite the session the link opens.
  const sessionChecked = session.status !== 'loading';
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [attempt, setAttempt] = useState(0);
  const [switchAccount, setSwitchAccount] = useState(false);
  const [phase, setPhase] = useState<Phase>(token ? { kind: 'working' } : { kind: 'noToken' });

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
    (async () => {
      const redeemed = await redeemOnce(token, switchAccount);
      api.csrf.reset();
      const { data: me, error } = await api.client.GET('/api/auth/me');
      if (!me) throw error ?? new Error('session failed');
      if (!live) return;
      signedIn(me);
      const state: RespondLocationState = { needsPassword: redeemed.needsPassword };
      navigate(`/assessments/${encodeURIComponent(redeemed.assessmentId)}`, { replace: true, state });
    })().catch((error: unknown) => {
      if (!live) return;
      const other = otherAccount(error);
      setPhase(other ? { kind: 'otherAccount', ...other } : { kind: 'failed', error });
    });
    return () => {
      live = false;
    };
  }, [token, sessionChecked, attempt, switchAccount, navigate, signedIn]);

  function retry() {
    if (token) redemptions.delete(`${switchAccount ? 'switch' : 'ask'}|${token}`);
    setPhase({ kind: 'working' });
    setAttempt((n) => n + 1);
  }

  function continueAsLinkOwner() {
    setPhase({ kind: 'working' });
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
        {phase.kind === 'working' && (
          <p role="status" data-testid="respond-status">
            {t('respond.working')}
          </p>
        )}
        {phase.kind === 'otherAccount' && (
          <div data-testid="respond-other-account">
            <div className="alert alert-warning" role="alert">
              <p>{t('respond.otherTitle')}</p>
            </div>
            <p>{t('respond.otherBody', { linkEmail: phase.linkEmail, currentEmail: phase.currentEmail })}</p>
            <div className="respond-choices">
              <button
                type="button"
                className="button button-primary button-block"
                data-testid="respond-switch"
                onClick={continueAsLinkOwner}
              >
                {t('respond.switch', { linkEmail: phase.linkEmail, currentEmail: phase.currentEmail })}
              </button>
              <Link className="button button-block" to="/" replace data-testid="respond-stay">
                {t('respond.stay', { currentEmail: phase.currentEmail })}
              </Link>
            </div>
          </div>
        )}
        {phase.kind === 'noToken' && (
          <>
            <p className="alert alert-error" role="alert">
              {t('respond.noToken')}
            </p>
            <p>
              <Link to="/login">{t('respond.login')}</Link>
            </p>
          </>
        )}
        {phase.kind === 'failed' &&
          (isGone(phase.error) ? (
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
              <ErrorMessage error={phase.error} />
              <button type="button" className="button" onClick={retry}>
                {t('respond.retry')}
              </button>
            </>
          ))}
      </main>
    </div>
  );
}
