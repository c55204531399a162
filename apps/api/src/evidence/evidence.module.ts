import { Module, type Provider } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_STORAGE } from './evidence.storage';
import { LocalDiskStorage } from './local-disk.storage';

/**
 * Evidence files: upload/download/remove endpoints and EVIDENCE_STORAGE (local disk under `EVIDENCE_DIR`). An S3-compatible storage
 * would be another factory here; callers depend only on the EvidenceStorage interface.
 */
/** EVIDENCE_STORAGE from configuration; the one place that chooses the storage implementation. */
export const EVIDENCE_STORAGE_PROVIDER: Provider = {
  provide: EVIDENCE_STORAGE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => LocalDiskStorage.fromConfig(config),
};

@Module({
  imports: [AssessmentsModule],
  controllers: [EvidenceController],
  providers: [EvidenceService, EVIDENCE_STORAGE_PROVIDER],
  exports: [EVIDENCE_STORAGE],
})
export class EvidenceModule {}
