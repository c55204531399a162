import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AppQueues } from './app-queues';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { QueueDashboard } from './queue-dashboard';

/**
 * Operations: the queue dashboard for platform operators (OPERATOR_EMAILS) at /api/admin/queues, mounted by
 * configureApp, and Prometheus metrics at /api/metrics (METRICS_TOKEN).
 */
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [AppQueues, MetricsService, QueueDashboard],
})
export class OpsModule {}
