import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINDING_KINDS, SEVERITIES, VERIFICATION_TAGS } from '@preclear/rules-engine';
import { JSON_OBJECT } from '../../openapi/schema-shapes';
import { CitationDto } from './compliance.dto';

export class StageDefinitionDto {
  @ApiProperty({ example: 'compliance' }) stage: string;
  @ApiProperty({ example: 'reviewer', description: 'The role a signer of this stage must hold' }) role: string;
}

export class RuleCheckDto {
  @ApiProperty({ example: 'requires_text' }) kind: string;
  @ApiProperty({ ...JSON_OBJECT, description: 'The arguments of the check, as the pack states them' }) args: Record<
    string,
    unknown
  >;
}

export class RuleDetailDto {
  @ApiProperty({ example: 'DE-PANGV-6A' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SEVERITIES }) severity: string;
  @ApiProperty({ enum: SEVERITIES, description: 'The severity after pack overrides' }) effectiveSeverity: string;
  @ApiProperty({ enum: FINDING_KINDS }) finding: string;
  @ApiProperty({
    enum: VERIFICATION_TAGS,
    description: 'V: verified by the engine, S: supported by a person, K: known limit',
  })
  verification: string;
  @ApiProperty({ enum: ['active', 'draft'] }) status: string;
  @ApiProperty({ type: RuleCheckDto }) check: RuleCheckDto;
  @ApiProperty({ ...JSON_OBJECT, description: 'The facts of a post the rule applies to' }) appliesTo: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: CitationDto }) citation: CitationDto;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-11-20' }) effectiveFrom: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) effectiveUntil: string | null;
  @ApiProperty() messageKey: string;
  @ApiProperty({ type: [String], description: 'Ids of inherited rules this one replaces' }) replaces: string[];
  @ApiPropertyOptional({ description: 'Code of the pack that defines the rule when it is inherited' })
  inheritedFrom?: string;
}

/** One pack as GET /jurisdictions/:code shows it. */
export class PackDetailDto {
  @ApiProperty({ example: 'DE' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'sha256:…' }) version: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiPropertyOptional() extends?: string;
  @ApiProperty({ enum: ['jurisdiction', 'global'] }) scope: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty() approvalValidityDays: number;
  @ApiProperty() defaultRetentionYears: number;
  @ApiProperty({ type: [StageDefinitionDto] }) stages: StageDefinitionDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['string', 'boolean', 'date', 'number'] },
    description: 'Facts this pack reads from the brand profile, with their types',
  })
  profileFacts: Record<string, string>;
  @ApiProperty({ description: 'Number of rules evaluated' }) ruleCount: number;
  @ApiProperty({
    type: [RuleDetailDto],
    description: 'Every rule, inherited (with inheritedFrom) and draft ones included',
  })
  rules: RuleDetailDto[];
}
