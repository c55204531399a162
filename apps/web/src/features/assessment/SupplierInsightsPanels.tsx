import { useMe } from '../auth/session';
import { BenchmarkPanel } from './BenchmarkPanel';
import { ConsentPanel } from './ConsentPanel';
import { ForwardPanel } from './ForwardPanel';
import type { Assessment } from './types';

/**
 * The supplier's side panels: how it compares with similar companies; for a forwarded request, what the
 * customer's customer may see; and, for its admins and procurement, passing the request on to its suppliers.
 */
export function SupplierInsightsPanels({ assessment }: { assessment: Assessment }) {
  const me = useMe();
  const role = me.memberships.find((m) => m.organizationId === assessment.supplier.id)?.role;
  const canForward = role === 'admin' || role === 'procurement';
  return (
    <div className="supplier-insights-panels">
      <BenchmarkPanel assessmentId={assessment.id} groups={assessment.catalogue.groups} />
      {assessment.upstreamBuyer && (
        <ConsentPanel
          assessmentId={assessment.id}
          buyerName={assessment.buyer.name}
          upstreamName={assessment.upstreamBuyer.name}
          current={assessment.upstreamConsent}
        />
      )}
      {canForward && <ForwardPanel assessmentId={assessment.id} buyerName={assessment.buyer.name} />}
    </div>
  );
}
