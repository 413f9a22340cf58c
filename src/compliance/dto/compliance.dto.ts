import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Validate } from 'class-validator';
import type { BrandProfile } from '../../brands/entities/brand.entity';
import { CreatePostDto, IsIanaTimeZone, ISO_DATE_TIME } from '../../calendar/dto/post.dto';
import { JSON_OBJECT, PROFILE_FACTS, STRING_MAP } from '../../openapi/schema-shapes';

/** A would-be post, checked without storing anything. */
export class ComplianceCheckDto extends OmitType(CreatePostDto, [
  'brandId',
  'campaignId',
  'title',
  'timezone',
  'scheduledAt',
] as const) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Read the profile facts of this brand' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ ...PROFILE_FACTS, description: 'Inline profile facts per jurisdiction, instead of a brand' })
  @IsOptional()
  @IsObject()
  brandProfile?: BrandProfile;

  @ApiPropertyOptional({
    example: '2027-12-01T09:30:00+01:00',
    description:
      'When it would go out (any time, past or future: the rules in force then apply); a wall time repeated by a DST change reads as the later (standard-time) one',
  })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time such as 2027-12-01T09:30:00+01:00' })
  scheduledAt?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'Zone of an offset-less scheduledAt; defaults to UTC' })
  @IsOptional()
  @Validate(IsIanaTimeZone)
  timezone?: string;
}

export class CitationDto {
  @ApiProperty() source: string;
  @ApiPropertyOptional() article?: string;
  @ApiPropertyOptional() url?: string;
}

export class EvidenceDto {
  @ApiProperty() start: number;
  @ApiProperty() end: number;
  @ApiProperty() text: string;
}

export class FixDto {
  @ApiPropertyOptional() append?: string;
  @ApiPropertyOptional() prepend?: string;
}

export class FindingDto {
  @ApiProperty() ruleId: string;
  @ApiProperty({
    enum: [
      'banned_product',
      'prohibited_claim',
      'missing_disclosure',
      'representative_example',
      'missing_label',
      'personal_data',
      'length_limit',
      'profile_requirement',
      'approval_required',
      'filing_required',
      'retention',
      'product_signal',
    ],
  })
  kind: string;
  @ApiProperty({ enum: ['block', 'fix', 'approval', 'info'] }) severity: string;
  @ApiPropertyOptional({ description: 'The severity a [K] rule would have had before being capped' })
  cappedFrom?: string;
  @ApiProperty({
    enum: ['V', 'S', 'K'],
    description: 'V: checked in the rule text; S: secondary sources; K: unverified, confirm before relying on it',
  })
  verification: string;
  @ApiPropertyOptional({ nullable: true, type: String }) channel: string | null;
  @ApiProperty({ description: 'In the language asked for with ?lang= or Accept-Language' }) message: string;
  @ApiProperty() messageKey: string;
  @ApiProperty(JSON_OBJECT) messageParams: Record<string, unknown>;
  @ApiProperty({ type: CitationDto }) citation: CitationDto;
  @ApiPropertyOptional({ type: EvidenceDto, nullable: true }) evidence: EvidenceDto | null;
  @ApiPropertyOptional({ type: FixDto, nullable: true }) fix: FixDto | null;
}

export class RequiredStageDto {
  @ApiProperty({ example: 'compliance' }) stage: string;
  @ApiProperty({ example: 'reviewer' }) role: string;
  @ApiProperty({ type: [String] }) ruleIds: string[];
}

export class FilingDto {
  @ApiProperty({ example: 'FINRA' }) regulator: string;
  @ApiProperty({ enum: ['pre', 'post'] }) when: string;
  @ApiProperty() businessDays: number;
  @ApiPropertyOptional({ nullable: true, type: String }) earliestPublishAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) fileBy: string | null;
  @ApiProperty({ type: [String] }) ruleIds: string[];
}

export class RetentionDto {
  @ApiProperty() years: number;
}

export class JurisdictionEvaluationDto {
  @ApiProperty() jurisdiction: string;
  @ApiProperty({ enum: ['blocked', 'needs_changes', 'needs_approval', 'clear'] }) verdict: string;
  @ApiProperty({ type: [FindingDto] }) findings: FindingDto[];
  @ApiProperty({ type: [RequiredStageDto] }) requiredStages: RequiredStageDto[];
  @ApiPropertyOptional({ type: FilingDto, nullable: true }) filing: FilingDto | null;
  @ApiProperty({ type: RetentionDto }) retention: RetentionDto;
  @ApiProperty() approvalValidityDays: number;
}

export class EvaluationDto {
  @ApiProperty({ enum: ['blocked', 'needs_changes', 'needs_approval', 'clear'] }) verdict: string;
  @ApiProperty() evaluatedAt: string;
  @ApiProperty({ description: 'The instant the rules were applied for' }) publishAt: string;
  @ApiProperty({ ...STRING_MAP, example: { DE: 'sha256:…' } }) packVersions: Record<string, string>;
  @ApiProperty({ type: [JurisdictionEvaluationDto] }) jurisdictions: JurisdictionEvaluationDto[];
  @ApiProperty({ type: [RequiredStageDto] }) requiredStages: RequiredStageDto[];
  @ApiProperty({ type: RetentionDto }) retention: RetentionDto;
}

export class PackSummaryDto {
  @ApiProperty({ example: 'DE' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'sha256:…' }) version: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ description: 'Number of rules evaluated for this jurisdiction' }) rules: number;
  @ApiPropertyOptional() extends?: string;
  @ApiProperty({ enum: ['jurisdiction', 'global'] }) scope: string;
}
