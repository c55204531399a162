import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { RequireAuth } from './features/auth/RequireAuth';
import { SessionProvider } from './features/auth/session';
import { AppShell } from './features/shell/AppShell';
import { HomeRedirect } from './features/shell/HomeRedirect';
import { NotFound } from './features/shell/NotFound';
import { OrgLayout } from './features/shell/OrgLayout';
import { RespondPage } from './features/respond/RespondPage';

// The emailed link's page comes with the entry (a supplier's front door); every other page loads on demand, so
// the entry holds the shell, the router, the translations and the data layer, and a supplier answering on a
// phone downloads the pages it opens and nothing of the buyer's side.
const LoginPage = lazy(() => import('./features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const AcceptInvitationPage = lazy(() =>
  import('./features/invitations/AcceptInvitationPage').then((m) => ({ default: m.AcceptInvitationPage })),
);
const MyAssessmentsPage = lazy(() =>
  import('./features/my/MyAssessmentsPage').then((m) => ({ default: m.MyAssessmentsPage })),
);
const RemediationBoardPage = lazy(() =>
  import('./features/remediation/RemediationBoardPage').then((m) => ({ default: m.RemediationBoardPage })),
);
const AssessmentPage = lazy(() =>
  import('./features/assessment/AssessmentPage').then((m) => ({ default: m.AssessmentPage })),
);
const SuppliersPage = lazy(() =>
  import('./features/suppliers/SuppliersPage').then((m) => ({ default: m.SuppliersPage })),
);
const CampaignPage = lazy(() =>
  import('./features/campaigns/CampaignPage').then((m) => ({ default: m.CampaignPage })),
);
const CampaignsPage = lazy(() =>
  import('./features/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })),
);
const NewCampaignPage = lazy(() =>
  import('./features/campaigns/NewCampaignPage').then((m) => ({ default: m.NewCampaignPage })),
);
const InsightsPage = lazy(() =>
  import('./features/insights/InsightsPage').then((m) => ({ default: m.InsightsPage })),
);
const SupplierInsightsPage = lazy(() =>
  import('./features/insights/SupplierInsightsPage').then((m) => ({ default: m.SupplierInsightsPage })),
);
const SupplierReportPage = lazy(() =>
  import('./features/insights/SupplierReportPage').then((m) => ({ default: m.SupplierReportPage })),
);
const AccountPage = lazy(() =>
  import('./features/account/AccountPage').then((m) => ({ default: m.AccountPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./features/account/VerifyEmailPage').then((m) => ({ default: m.VerifyEmailPage })),
);
const BuyerRemediationPage = lazy(() =>
  import('./features/remediation/BuyerRemediationPage').then((m) => ({ default: m.BuyerRemediationPage })),
);

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-status" role="status">
      {t('common.loading')}
    </p>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/respond" element={<RespondPage />} />
            <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
            <Route path="/verify-email" element={<VerifyEmailPage />} />
            <Route element={<RequireAuth />}>
              <Route element={<AppShell />}>
                <Route index element={<HomeRedirect />} />
                <Route path="my" element={<MyAssessmentsPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="remediation" element={<RemediationBoardPage />} />
                <Route path="assessments/:assessmentId" element={<AssessmentPage />} />
                <Route path="orgs/:orgId" element={<OrgLayout />}>
                  <Route index element={<Navigate to="suppliers" replace />} />
                  <Route path="suppliers" element={<SuppliersPage />} />
                  <Route path="campaigns" element={<CampaignsPage />} />
                  <Route path="campaigns/new" element={<NewCampaignPage />} />
                  <Route path="campaigns/:campaignId" element={<CampaignPage />} />
                  <Route path="insights" element={<InsightsPage />} />
                  <Route path="insights/suppliers/:supplierId" element={<SupplierInsightsPage />} />
                  <Route path="insights/suppliers/:supplierId/report" element={<SupplierReportPage />} />
                  <Route path="remediation" element={<BuyerRemediationPage />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Route>
            </Route>
          </Routes>
        </Suspense>
      </BrowserRouter>
    </SessionProvider>
  );
}
