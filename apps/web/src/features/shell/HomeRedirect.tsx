import { Navigate } from 'react-router-dom';
import { useMe } from '../auth/session';
import { orgPath, preferredMembership } from './organization';

export function HomeRedirect() {
  const me = useMe();
  const membership = preferredMembership(me.memberships);
  // Supplier-side people (respondents only) and guests of an assessment (no membership) start with what they
  // have to answer.
  if (!membership || me.memberships.every((m) => m.role === 'respondent')) {
    return <Navigate to="/my" replace />;
  }
  return <Navigate to={orgPath(membership.organizationId)} replace />;
}
