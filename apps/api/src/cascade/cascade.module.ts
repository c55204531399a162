import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CascadeController } from './cascade.controller';
import { CascadeService } from './cascade.service';

/** Forwarding a received campaign to one's own suppliers (Tier 2) and the suppliers' upstream consent. */
@Module({
  imports: [CampaignsModule],
  controllers: [CascadeController],
  providers: [CascadeService],
})
export class CascadeModule {}
