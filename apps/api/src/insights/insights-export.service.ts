import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { ApiLocale } from '../common/locale';
import type { InsightsFilterDto, SuppliersQueryDto } from './dto/insights.dto';
import {
  type ExportFile,
  CSV_TYPE,
  heatmapTable,
  suppliersTable,
  toCsv,
  toXlsx,
  XLSX_TYPE,
} from './insights-export';
import { InsightsService } from './insights.service';

/** The heat map and the supplier list as files (same numbers as the JSON endpoints). */
@Injectable()
export class InsightsExportService {
  constructor(
    private readonly insights: InsightsService,
    private readonly clock: Clock,
  ) {}

  async heatmap(
    orgId: string,
    f: InsightsFilterDto,
    locale: ApiLocale,
    format: 'csv' | 'xlsx',
  ): Promise<ExportFile> {
    const table = heatmapTable(await this.insights.heatmap(orgId, f), locale);
    return this.file(table, `heatmap-${this.clock.today()}`, format);
  }

  async suppliers(
    orgId: string,
    q: SuppliersQueryDto,
    locale: ApiLocale,
    format: 'csv' | 'xlsx',
  ): Promise<ExportFile> {
    const { catalogue, items } = await this.insights.allSuppliers(orgId, q);
    return this.file(suppliersTable(catalogue, items, locale), `suppliers-${this.clock.today()}`, format);
  }

  private async file(
    table: Parameters<typeof toCsv>[0],
    name: string,
    format: 'csv' | 'xlsx',
  ): Promise<ExportFile> {
    return format === 'csv'
      ? { data: toCsv(table), filename: `${name}.csv`, contentType: CSV_TYPE }
      : { data: await toXlsx(table), filename: `${name}.xlsx`, contentType: XLSX_TYPE };
  }
}
