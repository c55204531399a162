import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiTokenReadable, OrgRoles } from '../auth/decorators';
import { localeOf } from '../common/locale';
import {
  CellsQueryDto,
  DistributionDto,
  HeatmapDto,
  HeatmapExportQueryDto,
  InsightsFilterDto,
  InsightsSupplierDetailDto,
  InsightsSupplierPageDto,
  SuppliersExportQueryDto,
  SuppliersQueryDto,
} from './dto/insights.dto';
import { CSV_TYPE, type ExportFile, XLSX_TYPE } from './insights-export';
import { InsightsExportService } from './insights-export.service';
import { InsightsService } from './insights.service';

const send = (res: Response, f: ExportFile) => {
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(f.data, {
    type: f.contentType,
    disposition: `attachment; filename="${f.filename}"`,
    length: f.data.length,
  });
};

@ApiTags('insights')
@Controller('orgs/:orgId/insights')
@OrgRoles('admin', 'procurement', 'evaluator')
@ApiTokenReadable()
export class InsightsController {
  constructor(
    private readonly insights: InsightsService,
    private readonly exports: InsightsExportService,
  ) {}

  @Get('heatmap')
  @ApiOkResponse({ type: HeatmapDto })
  heatmap(@Param('orgId', ParseUUIDPipe) orgId: string, @Query() q: InsightsFilterDto): Promise<HeatmapDto> {
    return this.insights.heatmap(orgId, q);
  }

  @Get('heatmap.csv')
  @ApiProduces(CSV_TYPE)
  @ApiOkResponse({ description: 'The heat map as CSV (UTF-8 with BOM)' })
  async heatmapCsv(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: HeatmapExportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.exports.heatmap(orgId, q, localeOf(req), 'csv'));
  }

  @Get('heatmap.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The heat map as an Excel workbook' })
  async heatmapXlsx(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: HeatmapExportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.exports.heatmap(orgId, q, localeOf(req), 'xlsx'));
  }

  @Get('distribution')
  @ApiOkResponse({ type: DistributionDto })
  distribution(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: InsightsFilterDto,
  ): Promise<DistributionDto> {
    return this.insights.distribution(orgId, q);
  }

  @Get('cells')
  @ApiOkResponse({ type: InsightsSupplierPageDto })
  cells(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: CellsQueryDto,
  ): Promise<InsightsSupplierPageDto> {
    return this.insights.cells(orgId, q);
  }

  @Get('suppliers')
  @ApiOkResponse({ type: InsightsSupplierPageDto })
  suppliers(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: SuppliersQueryDto,
  ): Promise<InsightsSupplierPageDto> {
    return this.insights.suppliers(orgId, q);
  }

  @Get('suppliers.csv')
  @ApiProduces(CSV_TYPE)
  @ApiOkResponse({
    description: 'Every listed supplier as CSV (UTF-8 with BOM); cursor and limit are ignored',
  })
  async suppliersCsv(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: SuppliersExportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.exports.suppliers(orgId, q, localeOf(req), 'csv'));
  }

  @Get('suppliers.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'Every listed supplier as an Excel workbook; cursor and limit are ignored' })
  async suppliersXlsx(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() q: SuppliersExportQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.exports.suppliers(orgId, q, localeOf(req), 'xlsx'));
  }

  @Get('suppliers/:supplierId')
  @ApiOkResponse({ type: InsightsSupplierDetailDto })
  supplier(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('supplierId', ParseUUIDPipe) supplierId: string,
    @Query() q: InsightsFilterDto,
  ): Promise<InsightsSupplierDetailDto> {
    return this.insights.supplier(orgId, supplierId, q);
  }
}
