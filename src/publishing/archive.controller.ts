import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DEFAULT_PAGE_SIZE, type Page } from '../common/http/pagination';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { ArchiveService } from './archive.service';
import { ArchiveExportQueryDto, ArchivePageDto, ArchiveQueryDto, type ArchiveRecordDto } from './dto/archive.dto';

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/archive')
export class ArchiveController {
  constructor(private readonly archive: ArchiveService) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Published records with text, approvals, findings, pack versions and retainUntil, by publication time',
  })
  @ApiOkResponse({ type: ArchivePageDto })
  list(@CurrentMember() member: WorkspaceMember, @Query() query: ArchiveQueryDto): Promise<Page<ArchiveRecordDto>> {
    return this.archive.list(member.workspaceId, query, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Get('export')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'The archive as a streamed download: JSON lines (default) or CSV (RFC 4180, formulas defused)',
  })
  @ApiProduces(CONTENT_TYPES.jsonl, CONTENT_TYPES.csv)
  @ApiOkResponse({ description: 'One record per line (JSONL) or per row (CSV, with a header row)' })
  export(@CurrentMember() member: WorkspaceMember, @Query() query: ArchiveExportQueryDto): StreamableFile {
    const format = query.format ?? 'jsonl';
    return new StreamableFile(this.archive.export(member.workspaceId, query, format), {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="archive.${format}"`,
    });
  }
}
