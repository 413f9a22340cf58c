import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import type { Language } from '../i18n/i18n.service';
import { RequestLanguage } from '../i18n/request-language.decorator';
import { RescheduleDto, RescheduleResultDto } from './dto/reschedule.dto';
import { RescheduleService } from './reschedule.service';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/posts/:id/reschedule')
export class RescheduleController {
  constructor(private readonly reschedules: RescheduleService) {}

  @Post()
  @Roles('marketer', 'admin')
  @HttpCode(200)
  @ApiQuery({ name: 'lang', required: false, description: 'Language of the reasons (else Accept-Language)' })
  @ApiOperation({
    summary: 'Move a post to a new time, keeping its content approvals when they hold then',
    description:
      'Approved or scheduled posts keep their revision and signatures when the packs in force at the new time give the same verdict and stages, ' +
      'every approval is still valid then and any pre-use filing window fits; the publish job follows. Otherwise the new time is an edit ' +
      '(a new revision, back to draft for review) and `reasons` say why. `preview: true` changes nothing.',
  })
  @ApiOkResponse({ type: RescheduleResultDto })
  @ApiConflictResponse({ description: 'The post changed concurrently' })
  reschedule(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('post')) id: string,
    @Body() dto: RescheduleDto,
    @RequestLanguage() lang: Language,
  ): Promise<RescheduleResultDto> {
    return this.reschedules.reschedule(member, id, dto, lang);
  }
}
