import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth, OrgRoles } from '../auth/decorators';
import { problem } from '../common/problem';
import { singleFileUpload } from '../common/upload.interceptor';
import { CATALOGUE_READ_ROLES, CataloguesService } from './catalogues.service';
import {
  CatalogueListDto,
  CatalogueListQueryDto,
  CatalogueTreeDto,
  CrosswalkResultDto,
  ImportCatalogueDto,
  ImportCatalogueResultDto,
  ImportedCatalogueListDto,
} from './dto/catalogue.dto';
import { IMPORT_FORMATS } from './imported-catalogue.entity';

export const MAX_CATALOGUE_FILE_BYTES = 10 * 1024 * 1024;

/** The file plus format, catalogueId and version; OrgAccessGuard (admin) decided before the body is read. */
const CatalogueUpload = singleFileUpload({
  limits: () => ({ maxBytes: MAX_CATALOGUE_FILE_BYTES, tooLargeCode: 'PAYLOAD_TOO_LARGE' }),
  fields: 3,
  authorize: 'route-guard',
});

const VERSION_PARAM = { name: 'version', description: 'A version, or `latest`', example: 'latest' };

/** The built-in guideline catalogues: readable by every logged-in user. */
@ApiTags('catalogues')
@Controller('catalogues')
export class CataloguesController {
  constructor(private readonly catalogues: CataloguesService) {}

  @Get()
  @ApiOkResponse({ type: CatalogueListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: CatalogueListQueryDto): Promise<CatalogueListDto> {
    return this.catalogues.list(auth.userId, query.orgId);
  }

  @Get(':id/versions/:version')
  @ApiParam(VERSION_PARAM)
  @ApiOkResponse({ type: CatalogueTreeDto })
  tree(@Param('id') id: string, @Param('version') version: string): CatalogueTreeDto {
    return this.catalogues.tree(id, version);
  }

  @Get(':id/versions/:version/criteria/:criterionId/crosswalk')
  @ApiParam(VERSION_PARAM)
  @ApiOkResponse({ type: CrosswalkResultDto })
  crosswalk(
    @Param('id') id: string,
    @Param('version') version: string,
    @Param('criterionId') criterionId: string,
  ): CrosswalkResultDto {
    return this.catalogues.crosswalk(id, version, criterionId);
  }
}

/** Catalogue versions an organization imported from publishers' official files. */
@ApiTags('catalogues')
@Controller('orgs/:orgId/catalogues')
export class OrgCataloguesController {
  constructor(private readonly catalogues: CataloguesService) {}

  @Get()
  @OrgRoles(...CATALOGUE_READ_ROLES)
  @ApiOkResponse({ type: ImportedCatalogueListDto })
  list(@Param('orgId', ParseUUIDPipe) orgId: string): Promise<ImportedCatalogueListDto> {
    return this.catalogues.listImported(orgId);
  }

  /** METI criteria table (.csv / .xlsx) or an OSCAL catalog (.json); all or nothing. */
  @Post('import')
  @OrgRoles('admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'At most 10 MB' },
        format: { type: 'string', enum: [...IMPORT_FORMATS] },
        catalogueId: { type: 'string', example: 'meti-scs' },
        version: { type: 'string', example: '2026-03-27' },
      },
    },
  })
  @ApiCreatedResponse({ type: ImportCatalogueResultDto })
  @UseInterceptors(CatalogueUpload)
  import(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @CurrentAuth() auth: AuthContext,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: ImportCatalogueDto,
  ): Promise<ImportCatalogueResultDto> {
    if (!file) {
      throw problem.fileRequired();
    }
    return this.catalogues.importFile(orgId, auth.userId, file, body);
  }

  @Get(':importId')
  @OrgRoles(...CATALOGUE_READ_ROLES)
  @ApiOkResponse({ type: CatalogueTreeDto })
  get(
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Param('importId', ParseUUIDPipe) importId: string,
  ): Promise<CatalogueTreeDto> {
    return this.catalogues.getImported(orgId, importId);
  }
}
