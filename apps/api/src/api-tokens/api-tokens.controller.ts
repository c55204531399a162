import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenCreatedDto, ApiTokenListDto, CreateApiTokenDto } from './dto/api-token.dto';

/** Admins manage read-only tokens for BI tools that pull the insights API. */
@ApiTags('api-tokens')
@Controller('orgs/:orgId/api-tokens')
@OrgRoles('admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Post()
  @ApiCreatedResponse({ type: ApiTokenCreatedDto })
  create(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: CreateApiTokenDto,
  ): Promise<ApiTokenCreatedDto> {
    return this.tokens.create(orgId, auth.userId, body.name);
  }

  @Get()
  @ApiOkResponse({ type: ApiTokenListDto })
  list(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<ApiTokenListDto> {
    return this.tokens.list(orgId);
  }

  @Delete(':tokenId')
  @HttpCode(204)
  @ApiNoContentResponse()
  revoke(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @Param('tokenId') tokenId: string,
  ): Promise<void> {
    return this.tokens.revoke(orgId, auth.userId, tokenId);
  }
}
