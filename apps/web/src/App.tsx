import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AssessmentPage } from './features/assessment/AssessmentPage';
import { LoginPage } from './features/auth/LoginPage';
import { AcceptInvitationPage } from './features/invitations/AcceptInvitationPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { SessionProvider } from './features/auth/session';
import { CampaignPage } from './features/campaigns/CampaignPage';
import { CampaignsPage } from './features/campaigns/CampaignsPage';
import { NewCampaignPage } from './features/campaigns/NewCampaignPage';
import { InsightsPage } from './features/insights/InsightsPage';
import { SupplierInsightsPage } from './features/insights/SupplierInsightsPage';
import { SupplierReportPage } from './features/insights/SupplierReportPage';
import { MyAssessmentsPage } from './features/my/MyAssessmentsPage';
import { BuyerRemediationPage } from './features/remediation/BuyerRemediationPage';
import { RemediationBoardPage } from './features/remediation/RemediationBoardPage';
import { RespondPage } from './features/respond/RespondPage';
import { AppShell } from './features/shell/AppShell';
import { HomeRedirect } from './features/shell/HomeRedirect';
import { NotFound } from './features/shell/NotFound';
import { OrgLayout } from './features/shell/OrgLayout';
import { SuppliersPage } from './features/suppliers/SuppliersPage';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/respond" element={<RespondPage />} />
          <Route path="/invitations/accept" element={<AcceptInvitationPage />} />
          <Route element={<RequireAuth />}>
            <Route element={<AppShell />}>
              <Route index element={<HomeRedirect />} />
              <Route path="my" element={<MyAssessmentsPage />} />
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
      </BrowserRouter>
    </SessionProvider>
  );
}
