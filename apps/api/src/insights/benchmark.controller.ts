import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/decorators';
import { BenchmarkService } from './benchmark.service';
import { BenchmarkDto } from './dto/insights.dto';

@ApiTags('insights')
@Controller('assessments/:assessmentId')
export class BenchmarkController {
  constructor(private readonly benchmarks: BenchmarkService) {}

  /** The supplier's category rates next to its peers' averages (same catalogue and size band, k ≥ 5). */
  @Get('benchmark')
  @ApiOkResponse({ type: BenchmarkDto })
  benchmark(@CurrentAuth() auth: AuthContext, @Param('assessmentId') id: string): Promise<BenchmarkDto> {
    return this.benchmarks.benchmark(auth.userId, id);
  }
}
