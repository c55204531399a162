import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import {
  AcceptSupplierRequestDto,
  SupplierRequestDecisionDto,
  SupplierRequestListDto,
} from './dto/supplier-request.dto';
import { SupplierRequestsService } from './supplier-requests.service';

/** Buyers asking to have this organization as a supplier: only its admins see and decide them. */
@ApiTags('network')
@Controller('orgs/:orgId/supplier-requests')
export class SupplierRequestsController {
  constructor(private readonly requests: SupplierRequestsService) {}

  @Get()
  @OrgRoles('admin')
  @ApiOkResponse({ type: SupplierRequestListDto })
  list(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<SupplierRequestListDto> {
    return this.requests.list(orgId);
  }

  /** Accept: the buyer's contact (or the one named here) gets the questionnaires that waited. */
  @Post(':requestId/accept')
  @HttpCode(200)
  @OrgRoles('admin')
  @ApiOkResponse({ type: SupplierRequestDecisionDto })
  accept(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: AcceptSupplierRequestDto,
  ): Promise<SupplierRequestDecisionDto> {
    return this.requests.accept(orgId, requestId, auth.userId, body);
  }

  @Post(':requestId/decline')
  @HttpCode(200)
  @OrgRoles('admin')
  @ApiOkResponse({ type: SupplierRequestDecisionDto })
  decline(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @CurrentAuth() auth: AuthContext,
  ): Promise<SupplierRequestDecisionDto> {
    return this.requests.decline(orgId, requestId, auth.userId);
  }
}
