import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/decorators';
import { CascadeService } from './cascade.service';
import { ConsentDto, ForwardDto, ForwardListDto, ForwardResultDto, SetConsentDto } from './dto/cascade.dto';

@ApiTags('cascade')
@Controller('assessments/:assessmentId')
export class CascadeController {
  constructor(private readonly cascade: CascadeService) {}

  /**
   * A Tier 1 supplier (admin or procurement) forwards the campaign it received to its own direct suppliers:
   * creates and launches a campaign with the same catalogue snapshot and target. Suppliers this assessment was
   * already forwarded to are skipped (listed in `skippedSupplierIds`); when all are, 409 ALREADY_FORWARDED.
   */
  @Post('forward')
  @ApiCreatedResponse({ type: ForwardResultDto })
  forward(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Body() body: ForwardDto,
  ): Promise<ForwardResultDto> {
    return this.cascade.forward(auth.userId, id, body);
  }

  @Get('forwards')
  @ApiOkResponse({ type: ForwardListDto })
  forwards(@CurrentAuth() auth: AuthContext, @Param('assessmentId') id: string): Promise<ForwardListDto> {
    return this.cascade.forwards(auth.userId, id);
  }

  /** The supplier (admin or respondent) decides what its buyer's customer may see; audited, any time. */
  @Put('consent')
  @ApiOkResponse({ type: ConsentDto })
  consent(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Body() body: SetConsentDto,
  ): Promise<ConsentDto> {
    return this.cascade.setConsent(auth.userId, id, body.level);
  }
}
