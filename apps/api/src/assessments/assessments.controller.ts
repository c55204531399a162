import { Body, Controller, Get, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type AuthContext, type AuthedRequest, SESSION_COOKIE } from '../auth/auth.types';
import { setSessionCookie } from '../auth/auth.cookies';
import { CurrentAuth, Public } from '../auth/decorators';
import { IpRateLimit } from '../auth/ip-rate-limit';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AccessLinksService } from './access-links.service';
import { AnswersService } from './answers.service';
import { AssessmentsService } from './assessments.service';
import {
  AcceptDto,
  AssessmentDto,
  AssignEvaluatorDto,
  ConfirmDto,
  MyAssessmentListDto,
  RedeemDto,
  RedeemResultDto,
  ReturnDto,
  SavedAnswerDto,
  SaveAnswerDto,
  SubmitDto,
} from './dto/assessment.dto';
import { ReviewService } from './review.service';

@ApiTags('assessments')
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly answers: AnswersService,
    private readonly review: ReviewService,
    private readonly links: AccessLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Opens an emailed link: signs its recipient in (one use) as a guest of that assessment and names it. When
   * someone else is signed in on this browser, answers 409 ACCESS_LINK_OTHER_ACCOUNT unless `switchAccount`.
   */
  @Public()
  @Post('access-links/redeem')
  @HttpCode(200)
  @IpRateLimit('link-redeem')
  @ApiOkResponse({ type: RedeemResultDto })
  async redeem(
    @Body() body: RedeemDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RedeemResultDto> {
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const r = await this.links.redeem(body.token, {
      userAgent: req.header('user-agent'),
      current: req.auth && cookie ? { userId: req.auth.userId, token: cookie } : undefined,
      switchAccount: body.switchAccount === true,
    });
    setSessionCookie(res, this.config, r.session);
    return { assessmentId: r.assessmentId, needsPassword: r.needsPassword };
  }

  @Get('my/assessments')
  @ApiOkResponse({ type: MyAssessmentListDto })
  mine(@CurrentAuth() auth: AuthContext): Promise<MyAssessmentListDto> {
    return this.assessments.listMine(auth.userId);
  }

  @Get('assessments/:assessmentId')
  @ApiOkResponse({ type: AssessmentDto })
  detail(@CurrentAuth() auth: AuthContext, @Param('assessmentId') id: string): Promise<AssessmentDto> {
    return this.assessments.detail(auth.userId, id);
  }

  /** Autosave of one answer. `baseVersion` is the version the person edited; a stale one gets 409 with the current answer. */
  @Put('assessments/:assessmentId/answers/:criterionId')
  @ApiOkResponse({ type: SavedAnswerDto })
  save(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Param('criterionId') criterionId: string,
    @Body() body: SaveAnswerDto,
  ): Promise<SavedAnswerDto> {
    return this.answers.save(auth.userId, id, criterionId, body);
  }

  @Post('assessments/:assessmentId/submit')
  @HttpCode(204)
  @ApiNoContentResponse()
  submit(@CurrentAuth() auth: AuthContext, @Param('assessmentId') id: string, @Body() body: SubmitDto) {
    return this.review.submit(auth.userId, id, body);
  }

  @Post('assessments/:assessmentId/return')
  @HttpCode(204)
  @ApiNoContentResponse()
  returnToSupplier(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Body() body: ReturnDto,
  ) {
    return this.review.return(auth.userId, id, body);
  }

  @Post('assessments/:assessmentId/accept')
  @HttpCode(204)
  @ApiNoContentResponse()
  accept(@CurrentAuth() auth: AuthContext, @Param('assessmentId') id: string, @Body() body: AcceptDto) {
    return this.review.accept(auth.userId, id, body);
  }

  @Put('assessments/:assessmentId/evaluator')
  @HttpCode(204)
  @ApiNoContentResponse()
  assignEvaluator(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Body() body: AssignEvaluatorDto,
  ) {
    return this.review.assignEvaluator(auth.userId, id, body.userId ?? null);
  }

  @Put('assessments/:assessmentId/confirmations/:criterionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  confirm(
    @CurrentAuth() auth: AuthContext,
    @Param('assessmentId') id: string,
    @Param('criterionId') criterionId: string,
    @Body() body: ConfirmDto,
  ) {
    return this.review.confirm(auth.userId, id, criterionId, body);
  }
}
