import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { BenchmarkController } from './benchmark.controller';
import { BenchmarkService } from './benchmark.service';
import { InsightsExportService } from './insights-export.service';
import { InsightsController } from './insights.controller';
import { InsightsService } from './insights.service';

/** Tier × category insights for buyers (from score snapshots), their exports, and supplier benchmarks. */
@Module({
  imports: [AssessmentsModule],
  controllers: [InsightsController, BenchmarkController],
  providers: [InsightsService, InsightsExportService, BenchmarkService],
})
export class InsightsModule {}
