import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import { CampaignsService } from './campaigns.service';
import {
  CampaignDto,
  CampaignListDto,
  CampaignSupplierDto,
  CampaignSupplierPageDto,
  CampaignSuppliersQueryDto,
  CreateCampaignDto,
  LaunchResultDto,
  UpdateCampaignSupplierDto,
} from './dto/campaign.dto';

@ApiTags('campaigns')
@Controller('orgs/:orgId/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @OrgRoles('admin', 'procurement')
  @ApiCreatedResponse({ type: CampaignDto })
  create(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: CreateCampaignDto,
  ): Promise<CampaignDto> {
    return this.campaigns.create(orgId, auth.userId, body);
  }

  @Get()
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: CampaignListDto })
  list(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<CampaignListDto> {
    return this.campaigns.list(orgId);
  }

  @Get(':campaignId')
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: CampaignDto })
  get(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
  ): Promise<CampaignDto> {
    return this.campaigns.get(orgId, campaignId);
  }

  @Get(':campaignId/suppliers')
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: CampaignSupplierPageDto })
  suppliers(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
    @Query() query: CampaignSuppliersQueryDto,
  ): Promise<CampaignSupplierPageDto> {
    return this.campaigns.suppliers(orgId, campaignId, query);
  }

  /** Triage answers (which re-suggest the target ★) and/or a target override, before launch. */
  @Patch(':campaignId/suppliers/:supplierId')
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: CampaignSupplierDto })
  updateSupplier(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
    @Param('supplierId') supplierId: string,
    @Body() body: UpdateCampaignSupplierDto,
  ): Promise<CampaignSupplierDto> {
    return this.campaigns.updateSupplier(orgId, campaignId, supplierId, body);
  }

  @Post(':campaignId/launch')
  @HttpCode(200)
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: LaunchResultDto })
  launch(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('campaignId') campaignId: string,
    @CurrentAuth() auth: AuthContext,
  ): Promise<LaunchResultDto> {
    return this.campaigns.launch(orgId, campaignId, auth.userId);
  }
}
