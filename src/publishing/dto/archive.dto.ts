import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { JSON_OBJECT, STRING_MAP } from '../../openapi/schema-shapes';

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

export class ArchiveRangeDto {
  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Published at or after (a date means its UTC midnight)',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'from must be an ISO-8601 date or date-time with an offset' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'Published before' })
  @IsOptional()
  @Matches(INSTANT, { message: 'to must be an ISO-8601 date or date-time with an offset' })
  to?: string;
}

export class ArchiveQueryDto extends IntersectionType(PageQueryDto, ArchiveRangeDto) {}

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ArchiveExportQueryDto extends ArchiveRangeDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'jsonl' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}

export class ArchivedApprovalDto {
  @ApiProperty() stage: string;
  @ApiProperty() decidedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email: string | null;
  @ApiProperty(STRING_MAP) qualification: Record<string, unknown>;
  @ApiProperty() decidedAt: string;
  @ApiProperty() contentHash: string;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
}

export class ArchivedFindingDto {
  @ApiProperty() jurisdiction: string;
  @ApiProperty() ruleId: string;
  @ApiProperty() kind: string;
  @ApiProperty() severity: string;
  @ApiProperty() messageKey: string;
  @ApiProperty(JSON_OBJECT) citation: Record<string, unknown>;
}

export class ArchiveRecordDto {
  @ApiProperty() id: string;
  @ApiProperty() postId: string;
  @ApiProperty() revision: number;
  @ApiProperty() channel: string;
  @ApiPropertyOptional({ nullable: true, type: String }) externalId: string | null;
  @ApiProperty() idempotencyKey: string;
  @ApiPropertyOptional({ nullable: true, type: String }) targetName: string | null;
  @ApiProperty({ description: 'Hash of the approved revision; what was sent hashes to it' }) contentHash: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The exact text published' }) body: string;
  @ApiProperty() locale: string;
  @ApiProperty({ type: [String] }) links: string[];
  @ApiProperty({ type: 'array', items: JSON_OBJECT }) media: Record<string, unknown>[];
  @ApiProperty({ type: [String] }) jurisdictions: string[];
  @ApiProperty({ type: [ArchivedApprovalDto] }) approvals: ArchivedApprovalDto[];
  @ApiProperty({ description: 'Verdict of the re-check at publication' }) verdict: string;
  @ApiProperty({ type: [ArchivedFindingDto] }) findings: ArchivedFindingDto[];
  @ApiProperty({ ...STRING_MAP, description: 'Jurisdiction -> pack version (content hash) used' }) packVersions: Record<
    string,
    string
  >;
  @ApiProperty({ description: 'Longest retention among the jurisdictions, in years' }) retentionYears: number;
  @ApiPropertyOptional({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty() publishedAt: string;
  @ApiProperty({ description: 'The database refuses to delete the record before this instant' }) retainUntil: string;
}

export class ArchivePageDto {
  @ApiProperty({ type: [ArchiveRecordDto] }) items: ArchiveRecordDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}
