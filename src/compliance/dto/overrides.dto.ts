import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNotNull } from '../../common/http/optional.decorator';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../../calendar/domain/post-vocabulary';
import {
  OVERRIDE_KINDS,
  OVERRIDE_SEVERITIES,
  type OverrideKind,
  type OverrideSeverity,
} from '../domain/workspace-overrides';

/** Printable text: no control characters (they would hide a phrase from the reader of the lexicon). */
const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateOverrideDto {
  @ApiProperty({
    enum: OVERRIDE_KINDS,
    description:
      '`term`: a banned or review-triggering word or phrase; `rule`: a stricter severity and/or an extra stage for a pack rule; `category`: an extra stage for every post of a product category',
  })
  @IsIn(OVERRIDE_KINDS)
  kind: OverrideKind;

  @ApiPropertyOptional({
    example: 'de',
    description: 'term: language of the posts it applies to (en, de, nl, pl, fr, es) or `any`',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(8)
  language?: string;

  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 200,
    example: 'risikolos',
    description:
      'term: literal text (never a pattern), matched as whole words ignoring case, accents and typographic variants',
  })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'phrase must not contain control or formatting characters' })
  phrase?: string;

  @ApiPropertyOptional({
    enum: OVERRIDE_SEVERITIES,
    description: 'term: the finding severity; rule: the severity its findings are raised to (never lowered)',
  })
  @IsOptionalNotNull()
  @IsIn(OVERRIDE_SEVERITIES)
  severity?: OverrideSeverity;

  @ApiPropertyOptional({ maxLength: 500, description: 'term: what the author reads; otherwise a note for reviewers' })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @Matches(PRINTABLE, { message: 'message must not contain control or formatting characters' })
  message?: string;

  @ApiPropertyOptional({ example: 'DE-UWG-5A-LABEL', description: 'rule: a rule id of a loaded pack' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(100)
  ruleId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES, description: 'category: the product category' })
  @IsOptionalNotNull()
  @IsIn(PRODUCT_CATEGORIES)
  productCategory?: ProductCategory;

  @ApiPropertyOptional({
    example: 'legal',
    description:
      'The review stage required when the override fires (a stage of the packs). A term or rule with severity `approval` gets `compliance` by default.',
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(40)
  stage?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'First day in force (UTC); defaults to today' })
  @IsOptionalNotNull()
  @Matches(DAY, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be a valid date' })
  effectiveFrom?: string;

  @ApiPropertyOptional({
    example: '2027-12-31',
    nullable: true,
    type: String,
    description: 'First day no longer in force (UTC); null for open-ended',
  })
  @IsOptional()
  @Matches(DAY, { message: 'effectiveUntil must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'effectiveUntil must be a valid date' })
  effectiveUntil?: string | null;
}

/** Any field but the kind; the result is checked as a whole again. */
export class UpdateOverrideDto extends PartialType(OmitType(CreateOverrideDto, ['kind'] as const)) {}

export class OverrideDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Raised by every change' }) version: number;
  @ApiProperty({ enum: OVERRIDE_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty({ nullable: true, type: String }) phrase: string | null;
  @ApiProperty({ nullable: true, enum: OVERRIDE_SEVERITIES, type: String }) severity: string | null;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ nullable: true, type: String }) ruleId: string | null;
  @ApiProperty({ nullable: true, type: String }) productCategory: string | null;
  @ApiProperty({ nullable: true, type: String }) stage: string | null;
  @ApiProperty({ example: '2027-01-01' }) effectiveFrom: string;
  @ApiProperty({ nullable: true, type: String }) effectiveUntil: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedBy: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) retiredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) retiredBy: string | null;
}

export class OverrideListDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Version of the overrides in force today, as evaluations record it under packVersions.WORKSPACE',
  })
  version: string | null;
  @ApiProperty({ type: [OverrideDto] }) items: OverrideDto[];
}

export class OverrideListQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include retired overrides (the history)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  retired?: 'true' | 'false';
}
