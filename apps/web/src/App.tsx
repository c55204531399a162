import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { SessionProvider } from './features/auth/session';
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
          <Route element={<RequireAuth />}>
            <Route element={<AppShell />}>
              <Route index element={<HomeRedirect />} />
              <Route path="orgs/:orgId" element={<OrgLayout />}>
                <Route index element={<Navigate to="suppliers" replace />} />
                <Route path="suppliers" element={<SuppliersPage />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
