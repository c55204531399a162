import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from './types';

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation('campaigns');
  return (
    <span className={`badge status-badge campaign-status-${status}`} data-status={status}>
      {t(`campaignStatus.${status}`)}
    </span>
  );
}
