import {
  Body,
  Controller,
  Get,
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
import { ProblemException, problem } from '../common/problem';
import { singleFileUpload } from '../common/upload.interceptor';
import {
  AddSupplierDto,
  ImportResultDto,
  NetworkPageDto,
  NetworkQueryDto,
  SupplierLinkDto,
  UpdateSupplierLinkDto,
} from './dto/network.dto';
import { NetworkService } from './network.service';
import { decodeCsv, parseSupplierCsv } from './supplier-csv';

const MAX_CSV_BYTES = 2 * 1024 * 1024;
/** OrgAccessGuard (admin, procurement) decided before the body is read. */
const SupplierCsvUpload = singleFileUpload({
  limits: () => ({ maxBytes: MAX_CSV_BYTES, tooLargeCode: 'PAYLOAD_TOO_LARGE' }),
  authorize: 'route-guard',
});

@ApiTags('network')
@Controller('orgs/:orgId')
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get('network')
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: NetworkPageDto })
  list(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: NetworkQueryDto,
  ): Promise<NetworkPageDto> {
    return this.network.list(orgId, query);
  }

  @Post('suppliers')
  @OrgRoles('admin', 'procurement')
  @ApiCreatedResponse({ type: SupplierLinkDto })
  add(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: AddSupplierDto,
  ): Promise<SupplierLinkDto> {
    return this.network.addSupplier(orgId, auth.userId, body);
  }

  /** Bulk upload: CSV (UTF-8 or Shift_JIS) with name, corporate_number, contact_email, tags, criticality. */
  @Post('suppliers/import')
  @OrgRoles('admin', 'procurement')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: ImportResultDto })
  @UseInterceptors(SupplierCsvUpload)
  async import(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportResultDto> {
    if (!file) {
      throw problem.fileRequired();
    }
    if (file.buffer.includes(0)) {
      throw new ProblemException(415, 'CSV_NOT_TEXT', {
        ja: 'CSV (テキスト) ファイルではありません。',
        en: 'The file is not a CSV text file.',
      });
    }
    const parsed = parseSupplierCsv(decodeCsv(file.buffer));
    if (!parsed.ok) {
      throw new ProblemException(
        422,
        'CSV_INVALID',
        {
          ja: 'CSV に誤りがあるため、1 行も登録していません。',
          en: 'The CSV has errors; no rows were added.',
        },
        parsed.errors,
      );
    }
    return this.network.importSuppliers(orgId, auth.userId, parsed.rows);
  }

  @Get('suppliers/:linkId')
  @OrgRoles('admin', 'procurement', 'evaluator')
  @ApiOkResponse({ type: SupplierLinkDto })
  get(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
  ): Promise<SupplierLinkDto> {
    return this.network.get(orgId, linkId);
  }

  @Patch('suppliers/:linkId')
  @OrgRoles('admin', 'procurement')
  @ApiOkResponse({ type: SupplierLinkDto })
  update(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('linkId', ParseUUIDPipe) linkId: string,
    @CurrentAuth() auth: AuthContext,
    @Body() body: UpdateSupplierLinkDto,
  ): Promise<SupplierLinkDto> {
    return this.network.update(orgId, auth.userId, linkId, body);
  }
}
