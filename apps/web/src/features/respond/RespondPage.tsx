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

// A link works once: redeem each token only once per page, even if the effect runs twice.
const redemptions = new Map<string, Promise<Redeemed>>();

function redeemOnce(token: string): Promise<Redeemed> {
  let pending = redemptions.get(token);
  if (!pending) {
    pending = (async () => {
      const { data, error } = await api.client.POST('/api/access-links/redeem', { body: { token } });
      if (!data) throw error ?? new Error('redeem failed');
      return data;
    })();
    redemptions.set(token, pending);
  }
  return pending;
}

type Phase = { kind: 'working' } | { kind: 'noToken' } | { kind: 'failed'; error: unknown };

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
      const redeemed = await redeemOnce(token);
      api.csrf.reset();
      const { data: me, error } = await api.client.GET('/api/auth/me');
      if (!me) throw error ?? new Error('session failed');
      if (!live) return;
      signedIn(me);
      const state: RespondLocationState = { needsPassword: redeemed.needsPassword };
      navigate(`/assessments/${encodeURIComponent(redeemed.assessmentId)}`, { replace: true, state });
    })().catch((error: unknown) => {
      if (live) setPhase({ kind: 'failed', error });
    });
    return () => {
      live = false;
    };
  }, [token, sessionChecked, attempt, navigate, signedIn]);

  function retry() {
    if (token) redemptions.delete(token);
    setPhase({ kind: 'working' });
    setAttempt((n) => n + 1);
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
