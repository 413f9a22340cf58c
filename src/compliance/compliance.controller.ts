import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors/app-error';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { Language } from '../i18n/i18n.service';
import { RequestLanguage } from '../i18n/request-language.decorator';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Public, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { ComplianceCheckService } from './compliance-check.service';
import { ComplianceService, type LocalizedEvaluation } from './compliance.service';
import { ComplianceCheckDto, EvaluationDto, PackSummaryDto } from './dto/compliance.dto';
import { ChangesOnDto, ChangesOnQueryDto } from './dto/rule-changes.dto';
import { RuleChangesService } from './rule-changes.service';
import type { PackDetail, PackSummary } from '@preclear/rules-engine';
import { PackDetailDto } from './dto/pack-detail.dto';
import { Clock } from '../common/clock/clock';

const LANG_DOCS = {
  name: 'lang',
  required: false,
  enum: ['en', 'de', 'nl', 'pl', 'fr', 'es'],
  description: 'Language of `message` (else Accept-Language, else English)',
};

@ApiTags('compliance')
@Controller()
export class ComplianceController {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly checks: ComplianceCheckService,
    private readonly changes: RuleChangesService,
    private readonly clock: Clock,
  ) {}

  @Get('jurisdictions')
  @Public()
  @ApiOperation({ summary: 'The loaded jurisdiction packs with their versions and rule counts' })
  @ApiOkResponse({ type: [PackSummaryDto] })
  list(): PackSummary[] {
    return this.compliance.packs();
  }

  @Get('jurisdictions/:code')
  @Public()
  @ApiOperation({
    summary: 'One pack with its rules, citations, effective dates, stages and the brand profile facts it reads',
  })
  @ApiOkResponse({ type: PackDetailDto })
  get(@Param('code') code: string): PackDetail {
    const pack = this.compliance.pack(code.toUpperCase());
    if (!pack) throw new NotFoundError('jurisdiction', code);
    return pack;
  }

  @Post('workspaces/:workspaceId/compliance/check')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @HttpCode(200)
  @ApiQuery(LANG_DOCS)
  @ApiHeader({ name: 'Accept-Language', required: false })
  @ApiOperation({
    summary: 'Evaluate a would-be post against its jurisdictions as in force at scheduledAt; stores nothing',
  })
  @ApiOkResponse({ type: EvaluationDto })
  check(
    @CurrentMember() member: WorkspaceMember,
    @Body() dto: ComplianceCheckDto,
    @RequestLanguage() lang: Language,
  ): Promise<LocalizedEvaluation> {
    return this.checks.checkDraft(member, dto, lang);
  }

  @Post('workspaces/:workspaceId/posts/:id/check')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @HttpCode(200)
  @ApiQuery(LANG_DOCS)
  @ApiOperation({ summary: "Evaluate a post's current revision" })
  @ApiOkResponse({ type: EvaluationDto })
  checkPost(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @RequestLanguage() lang: Language,
  ): Promise<LocalizedEvaluation> {
    return this.checks.checkPost(member, id, lang);
  }

  @Get('workspaces/:workspaceId/compliance/changes')
  @ApiBearerAuth()
  @Roles(...READ_ROLES)
  @ApiOperation({
    summary:
      'What changes on a day: the rules starting or ending then, and the unpublished posts whose verdict or findings change',
  })
  @ApiOkResponse({ type: ChangesOnDto })
  changesOn(@CurrentMember() member: WorkspaceMember, @Query() query: ChangesOnQueryDto): Promise<ChangesOnDto> {
    return this.changes.changesOn(member.workspaceId, query.on, this.clock.now());
  }
}
