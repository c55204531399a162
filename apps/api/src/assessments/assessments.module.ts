import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccessLinksService } from './access-links.service';
import { AnswersService } from './answers.service';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';
import { CampaignCatalogues } from './campaign-catalogues';
import { ReviewService } from './review.service';
import { WorkbookController } from './workbook.controller';
import { WorkbookService } from './workbook.service';

@Module({
  imports: [AuthModule],
  controllers: [AssessmentsController, WorkbookController],
  providers: [
    AccessLinksService,
    AnswersService,
    AssessmentsService,
    CampaignCatalogues,
    ReviewService,
    WorkbookService,
  ],
  exports: [AnswersService, CampaignCatalogues],
})
export class AssessmentsModule {}
