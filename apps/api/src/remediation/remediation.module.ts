import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { RemediationController } from './remediation.controller';
import { RemediationService } from './remediation.service';

/**
 * Remediation of assessment gaps. Items are created by the submit transaction through the plain function
 * `syncRemediationGaps` (gaps.ts), so AssessmentsModule needs nothing from here and there is no import cycle.
 */
@Module({
  imports: [AssessmentsModule, EvidenceModule],
  controllers: [RemediationController],
  providers: [RemediationService],
})
export class RemediationModule {}
