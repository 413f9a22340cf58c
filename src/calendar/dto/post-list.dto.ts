import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { CHANNELS, POST_STATUSES, type Channel, type PostStatus } from '../domain/post-vocabulary';
import { PostDto } from './post.dto';

export const POST_SORTS = [
  'scheduledAt',
  '-scheduledAt',
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'title',
  '-title',
] as const;
export type PostSort = (typeof POST_SORTS)[number];

/** `?scheduled=true` arrives as a string; anything but true/false stays a string so @IsBoolean names it. */
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class PostListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: POST_STATUSES })
  @IsOptional()
  @IsIn(POST_STATUSES)
  status?: PostStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  brandId?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'Posts for this jurisdiction (among others)' })
  @IsOptional()
  @Matches(/^[A-Z]{2,8}$/, { message: 'jurisdiction must be an upper-case code such as DE' })
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'Posts for this channel (among others)' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ description: 'The user id of the author, or `me`' })
  @IsOptional()
  @ValidateIf((q: PostListQueryDto) => q.author !== 'me')
  @IsUUID(undefined, { message: 'author must be a user id or me' })
  author?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: '`false`: the backlog of posts without a time; `true`: only posts with one',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  scheduled?: boolean;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: 'Text anywhere in the title or body, case-insensitive',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: POST_SORTS,
    default: '-updatedAt',
    description:
      'A leading `-` sorts descending. By scheduledAt, posts without a time come last (first when descending).',
  })
  @IsOptional()
  @IsIn(POST_SORTS)
  sort?: PostSort;
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] }) items: PostDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page, with the same filters and sort',
  })
  nextCursor: string | null;
}
