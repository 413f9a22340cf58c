import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '../../common/http/optional.decorator';
import { CHANNELS, POST_STATUSES, type Channel, type PostStatus } from '../../calendar/domain/post-vocabulary';

export class FeedFilterDto {
  @ApiPropertyOptional({ example: ['DE', 'NL'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(/^[A-Z]{2,8}$/, { each: true, message: 'each jurisdiction must be an upper-case code such as DE' })
  jurisdictions?: string[];

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ enum: POST_STATUSES, isArray: true })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayUnique()
  @IsIn(POST_STATUSES, { each: true })
  statuses?: PostStatus[];

  @ApiPropertyOptional({ description: 'Only my posts and the review stages assigned to my roles' })
  @IsOptionalNotNull()
  @IsBoolean()
  mine?: boolean;
}

export class CreateFeedDto {
  @ApiProperty({ example: 'DE reviews' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: FeedFilterDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => FeedFilterDto)
  filter?: FeedFilterDto;
}

export class FeedDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: FeedFilterDto }) filter: FeedFilterDto;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
}

export class CreatedFeedDto extends FeedDto {
  @ApiProperty({
    description: 'The subscription URL (https for Outlook and Google); it holds the token and is shown once',
  })
  url: string;

  @ApiProperty({ description: 'The same feed as webcal:// for Apple Calendar' })
  webcalUrl: string;
}
