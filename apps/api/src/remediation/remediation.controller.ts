import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import { problem } from '../common/problem';
import { singleFileUpload } from '../common/upload.interceptor';
import {
  RemediationDetailDto,
  RemediationListDto,
  RemediationPageDto,
  RemediationQueryDto,
  ReopenRemediationDto,
  UpdateRemediationDto,
  VerifyRemediationDto,
} from './dto/remediation.dto';
import { RemediationService } from './remediation.service';

const EvidenceUpload = singleFileUpload({
  limits: (c) => ({ maxBytes: c.EVIDENCE_MAX_BYTES, tooLargeCode: 'EVIDENCE_TOO_LARGE' }),
  authorize: (services, auth, p) =>
    services.get(RemediationService, { strict: false }).assertCanAddEvidence(auth.userId, p['itemId'] ?? ''),
});

@ApiTags('remediation')
@Controller()
export class RemediationController {
  constructor(private readonly remediation: RemediationService) {}

  /** The supplier board: gaps of the caller's organizations' submitted assessments. */
  @Get('my/remediation')
  @ApiOkResponse({ type: RemediationListDto })
  mine(@CurrentAuth() auth: AuthContext): Promise<RemediationListDto> {
    return this.remediation.listMine(auth.userId);
  }

  /** The buyer's list, filtered and keyset-paginated (due date first, items without one last). */
  @Get('orgs/:orgId/remediation')
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: RemediationPageDto })
  list(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: RemediationQueryDto,
  ): Promise<RemediationPageDto> {
    return this.remediation.listForBuyer(orgId, query);
  }

  @Get('remediation/:itemId')
  @ApiOkResponse({ type: RemediationDetailDto })
  detail(@CurrentAuth() auth: AuthContext, @Param('itemId') itemId: string): Promise<RemediationDetailDto> {
    return this.remediation.detail(auth.userId, itemId);
  }

  /** Plan, owner, due date, support, status (the supplier); a stale `baseVersion` gets 409 with the current item. */
  @Patch('remediation/:itemId')
  @ApiOkResponse({ type: RemediationDetailDto })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('itemId') itemId: string,
    @Body() body: UpdateRemediationDto,
  ): Promise<RemediationDetailDto> {
    return this.remediation.update(auth.userId, itemId, body);
  }

  /** The buyer accepts a done item; the answer becomes met and the score follows. */
  @Post('remediation/:itemId/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: RemediationDetailDto })
  verify(
    @CurrentAuth() auth: AuthContext,
    @Param('itemId') itemId: string,
    @Body() body: VerifyRemediationDto,
  ): Promise<RemediationDetailDto> {
    return this.remediation.verify(auth.userId, itemId, body);
  }

  /** The buyer sends a done item back (to in_progress) with a comment. */
  @Post('remediation/:itemId/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: RemediationDetailDto })
  reopen(
    @CurrentAuth() auth: AuthContext,
    @Param('itemId') itemId: string,
    @Body() body: ReopenRemediationDto,
  ): Promise<RemediationDetailDto> {
    return this.remediation.reopen(auth.userId, itemId, body);
  }

  /** Evidence of the fix (PDF, images, Office files, CSV or text; the type is decided by the content). */
  @Post('remediation/:itemId/evidence')
  @UseInterceptors(EvidenceUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: RemediationDetailDto })
  upload(
    @CurrentAuth() auth: AuthContext,
    @Param('itemId') itemId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RemediationDetailDto> {
    if (!file) throw problem.fileRequired();
    return this.remediation.uploadEvidence(auth.userId, itemId, file);
  }
}
