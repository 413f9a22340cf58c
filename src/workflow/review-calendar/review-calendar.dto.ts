import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../../calendar/dto/post.dto';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class WorkingHoursDto {
  @ApiProperty({ example: '09:00', description: 'Start of the working day, HH:MM in `timezone`' })
  @IsString()
  @Matches(HH_MM)
  start: string;

  @ApiProperty({ example: '17:00', description: 'End of the working day, HH:MM in `timezone`; after `start`' })
  @IsString()
  @Matches(HH_MM)
  end: string;
}

export class HolidayRegionDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 country code of the public holidays (date-holidays)' })
  @IsString()
  @Matches(/^[A-Z]{2,3}$/)
  country: string;

  @ApiPropertyOptional({ example: 'BY', description: 'State or region, for regional holidays' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,10}$/)
  state?: string;
}

export class PutReviewCalendarDto {
  @ApiProperty({ example: 'Europe/Berlin', description: 'The zone the reviewers work in' })
  @Validate(IsIanaTimeZone)
  timezone: string;

  @ApiProperty({ type: WorkingHoursDto })
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  workingHours: WorkingHoursDto;

  @ApiProperty({ example: [1, 2, 3, 4, 5], type: [Number], description: 'ISO weekdays, 1 = Monday ... 7 = Sunday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays: number[];

  @ApiPropertyOptional({
    type: HolidayRegionDto,
    nullable: true,
    description: 'Public holidays to skip; null or absent: none',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => HolidayRegionDto)
  holidays?: HolidayRegionDto | null;
}

export class ReviewCalendarDto {
  @ApiProperty({
    description: "false until an admin sets the calendar (then: Mon-Fri 09:00-17:00 in each post's zone, no holidays)",
  })
  configured: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "null when not configured: each post's own zone applies",
  })
  timezone: string | null;

  @ApiProperty({ type: WorkingHoursDto })
  workingHours: WorkingHoursDto;

  @ApiProperty({ type: [Number] })
  workingDays: number[];

  @ApiPropertyOptional({ type: HolidayRegionDto, nullable: true })
  holidays: HolidayRegionDto | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  updatedAt: string | null;
}
