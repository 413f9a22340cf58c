import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { FilingPageDto, FilingsQueryDto } from './dto/workflow.dto';
import { FilingsService } from './filings.service';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/filings')
export class FilingsController {
  constructor(private readonly filings: FilingsService) {}

  @Get()
  @Roles('reviewer', 'principal', 'admin', 'auditor')
  @ApiOperation({
    summary:
      'Regulator filings by deadline (fileBy); ?due=true keeps those to make now, e.g. post-use filings after publication',
  })
  @ApiOkResponse({ type: FilingPageDto })
  list(@CurrentMember() member: WorkspaceMember, @Query() query: FilingsQueryDto): Promise<FilingPageDto> {
    return this.filings.list(member.workspaceId, query);
  }
}
