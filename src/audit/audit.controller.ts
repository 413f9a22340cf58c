import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { INT32_MAX } from '../common/http/int32';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { AuditVerifyService } from './audit-verify.service';
import { AuditService } from './audit.service';
import { AuditVerifyDto } from './dto/evidence.dto';
import { JSON_OBJECT } from '../openapi/schema-shapes';

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'Only the entries about this post' })
  @IsOptional()
  @IsUUID()
  postId?: string;

  @ApiPropertyOptional({ description: 'Entries after this seq (for paging)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT32_MAX)
  afterSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'user:6f1c…', description: '`user:<id>`, `apikey:<id>` or `system:<part>`' }) actor: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "The user's or API key's name; null for the system",
  })
  actorName: string | null;
  @ApiProperty() action: string;
  @ApiProperty() subject: string;
  @ApiProperty(JSON_OBJECT) data: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as afterSeq for the next page' }) nextCursor:
    | string
    | null;
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly verifier: AuditVerifyService,
  ) {}

  @Get()
  @Roles('auditor', 'admin', 'reviewer', 'principal')
  @ApiOperation({ summary: 'Audit entries in chain order, optionally for one post' })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentMember() member: WorkspaceMember, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 200;
    const rows = await this.audit.list(member.workspaceId, {
      subject: query.postId ? `post:${query.postId}` : undefined,
      afterSeq: query.afterSeq,
      limit,
    });
    const items = rows.map(({ entry: e, actorName }) => ({
      seq: e.seq,
      at: e.at.toISOString(),
      actor: e.actor,
      actorName,
      action: e.action,
      subject: e.subject,
      data: e.data,
      prevHash: e.prevHash,
      hash: e.hash,
    }));
    return { items, nextCursor: rows.length === limit ? String(rows[rows.length - 1].entry.seq) : null };
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary:
      'Re-compute the hash chain against the signed checkpoints and re-derive every archive record; names what is broken',
  })
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(@CurrentMember() member: WorkspaceMember): Promise<AuditVerifyDto> {
    return this.verifier.verify(member.workspaceId);
  }
}
