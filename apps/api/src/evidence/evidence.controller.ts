import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { EvidenceDto } from '../assessments/dto/assessment.dto';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/decorators';
import { problem } from '../common/problem';
import { singleFileUpload } from '../common/upload.interceptor';
import { EvidenceService } from './evidence.service';

const EvidenceUpload = singleFileUpload({
  limits: (c) => ({ maxBytes: c.EVIDENCE_MAX_BYTES, tooLargeCode: 'EVIDENCE_TOO_LARGE' }),
  authorize: (services, auth, p) =>
    services
      .get(EvidenceService, { strict: false })
      .assertCanUpload(auth.userId, p['assessmentId'] ?? '', p['criterionId'] ?? ''),
});

@ApiTags('evidence')
@Controller('assessments/:assessmentId')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** PDF, images, Office files, CSV or text; the type is decided by the content, not the name. */
  @Post('answers/:criterionId/evidence')
  @UseInterceptors(EvidenceUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: EvidenceDto })
  upload(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') assessmentId: string,
    @Param('criterionId') criterionId: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<EvidenceDto> {
    if (!file) throw problem.fileRequired();
    return this.evidence.upload(auth.userId, assessmentId, criterionId, file);
  }

  @Get('evidence/:evidenceId')
  @ApiOkResponse({ description: 'The file, as an attachment' })
  async download(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') assessmentId: string,
    @Param('evidenceId') evidenceId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const f = await this.evidence.open(auth.userId, assessmentId, evidenceId);
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(
      f.stream instanceof Readable ? f.stream : Readable.from(f.stream as AsyncIterable<Buffer>),
      {
        type: f.mediaType,
        length: f.size,
        disposition: `attachment; filename="${asciiFallback(f.filename)}"; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
      },
    );
  }

  @Delete('evidence/:evidenceId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') assessmentId: string,
    @Param('evidenceId') evidenceId: string,
  ): Promise<void> {
    return this.evidence.remove(auth.userId, assessmentId, evidenceId);
  }
}

function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}
