import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';
import { CitationDto } from './compliance.dto';

export class ChangesOnQueryDto {
  @ApiProperty({ example: '2027-01-01', description: 'The day (each pack reads it in its own time zone)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'on must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'on must be a valid date' })
  on: string;
}

export class RuleChangeDto {
  @ApiProperty({ example: 'FR', description: 'The pack defining the rule' }) jurisdiction: string;
  @ApiProperty() ruleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['block', 'fix', 'approval', 'info'] }) severity: string;
  @ApiProperty({ enum: ['takes_effect', 'ends'] }) change: string;
  @ApiProperty({ example: '2026-11-20' }) day: string;
  @ApiProperty({ description: 'The instant the change happens (midnight in the pack time zone)' }) at: string;
  @ApiProperty({ type: CitationDto }) citation: CitationDto;
}

export class FindingRefDto {
  @ApiProperty() jurisdiction: string;
  @ApiProperty() ruleId: string;
  @ApiProperty({ enum: ['block', 'fix', 'approval', 'info'] }) severity: string;
}

export class ChangedPostDto {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty({
    enum: ['blocked', 'needs_changes', 'needs_approval', 'clear'],
    description: 'Verdict just before the change',
  })
  before: string;
  @ApiProperty({
    enum: ['blocked', 'needs_changes', 'needs_approval', 'clear'],
    description: 'Verdict from the change on, when it goes out',
  })
  after: string;
  @ApiProperty({ type: [FindingRefDto], description: 'Findings of the changing rules that appear' })
  addedFindings: FindingRefDto[];
  @ApiProperty({ type: [FindingRefDto], description: 'Findings of the changing rules that go away' })
  removedFindings: FindingRefDto[];
}

export class ChangesOnDto {
  @ApiProperty({ example: '2027-01-01' }) on: string;
  @ApiProperty({ type: [RuleChangeDto] }) rules: RuleChangeDto[];
  @ApiProperty({ type: [ChangedPostDto], description: 'Unpublished posts whose evaluation differs, soonest first' })
  posts: ChangedPostDto[];
}
