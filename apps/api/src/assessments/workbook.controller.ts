import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/decorators';
import { problem } from '../common/problem';
import { singleFileUpload } from '../common/upload.interceptor';
import { ImportAnswersResultDto } from './dto/assessment.dto';
import { WorkbookService } from './workbook.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WorkbookUpload = singleFileUpload({
  limits: () => ({ maxBytes: 5 * 1024 * 1024, tooLargeCode: 'WORKBOOK_TOO_LARGE' }),
  authorize: (services, auth, p) =>
    services.get(WorkbookService, { strict: false }).assertCanImport(auth.userId, p['assessmentId'] ?? ''),
});

@ApiTags('assessments')
@Controller('assessments/:assessmentId')
export class WorkbookController {
  constructor(private readonly workbooks: WorkbookService) {}

  @Get('export.xlsx')
  @ApiQuery({ name: 'locale', required: false, enum: ['ja', 'en'] })
  @ApiOkResponse({ description: 'The assessment as an Excel criteria sheet' })
  async export(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Query('locale') locale: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { data, filename } = await this.workbooks.export(auth.userId, id, locale === 'en' ? 'en' : 'ja');
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(data, {
      type: XLSX,
      disposition: `attachment; filename="${filename}"`,
      length: data.length,
    });
  }

  @Post('import')
  @HttpCode(200)
  @UseInterceptors(WorkbookUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: ImportAnswersResultDto })
  import(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportAnswersResultDto> {
    if (!file) throw problem.fileRequired();
    return this.workbooks.import(auth.userId, id, file);
  }
}
