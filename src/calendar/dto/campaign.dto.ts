import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCampaignDto {
  @ApiProperty({ example: 'Winter savings' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId: string;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startsOn: string;

  @ApiProperty({ example: '2027-01-31' })
  @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endsOn: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class CampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() brandId: string;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description: string | null;
  @ApiProperty() createdAt: string;
}
