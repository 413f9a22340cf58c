import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { MAX_BODY_LENGTH } from '@preclear/rules-engine';
import { INT32_MAX } from '../../common/http/int32';
import { IsOptionalNotNull } from '../../common/http/optional.decorator';
import { FitsChannels } from '../../compliance/body-length.constraint';
import { KnownJurisdictionConstraint } from '../../compliance/known-jurisdiction.constraint';
import { describeConstraint, type FieldProblemCode } from '../../common/errors/validation-details';
import { isValidTimeZone, resolveScheduledAt, type ScheduleResult } from '../domain/schedule-time';
import {
  AUDIENCES,
  CHANNELS,
  COMMUNICATION_TYPES,
  MEDIA_KINDS,
  POST_STATUSES,
  PRODUCT_CATEGORIES,
  type Audience,
  type Channel,
  type CommunicationType,
  type MediaKind,
  type PostStatus,
  type ProductCategory,
} from '../domain/post-vocabulary';
import { JSON_OBJECT } from '../../openapi/schema-shapes';

@ValidatorConstraint({ name: 'isIanaTimeZone' })
export class IsIanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length <= 64 && isValidTimeZone(value);
  }
  defaultMessage(): string {
    return 'timezone must be an IANA time zone such as Europe/Berlin';
  }
}

/**
 * A schedule that names one instant: valid, not skipped and not repeated by a DST change in the
 * post's `timezone`. When the zone is not in the request (a PATCH keeping the post's zone), the
 * service checks it against the stored one.
 */
@ValidatorConstraint({ name: 'isScheduleTime' })
export class IsScheduleTime implements ValidatorConstraintInterface {
  validate(value: unknown, args?: ValidationArguments): boolean {
    if (typeof value !== 'string') return true;
    const timezone = (args?.object as { timezone?: unknown } | undefined)?.timezone;
    if (typeof timezone !== 'string' || !isValidTimeZone(timezone)) return true;
    return resolveScheduledAt(value, timezone, { refuseAmbiguous: true }).ok;
  }
}

describeConstraint('isScheduleTime', (value, object) => {
  const timezone = String((object as { timezone?: unknown }).timezone);
  return scheduleProblem(
    resolveScheduledAt(String(value), timezone, { refuseAmbiguous: true }),
    String(value),
    timezone,
  );
});

/** The field problem of a refused schedule, with what its message needs. */
export function scheduleProblem(
  result: ScheduleResult,
  value: string,
  timezone: string,
): { code: FieldProblemCode; params?: Record<string, unknown> } {
  if (result.ok) return { code: 'invalidInstant' };
  if (result.problem === 'ambiguous_local_time') {
    return {
      code: 'ambiguousLocalTime',
      params: { value, timezone, first: result.offsets[0], second: result.offsets[1] },
    };
  }
  if (result.problem === 'nonexistent_local_time') return { code: 'nonexistentLocalTime', params: { value, timezone } };
  return { code: result.problem === 'invalid_timezone' ? 'isIanaTimeZone' : 'invalidInstant' };
}

export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

@ValidatorConstraint({ name: 'notBlank' })
export class NotBlank implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || value.trim().length > 0;
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be blank`;
  }
}

/**
 * One image or video of a post. With `mediaId` it is an upload of this workspace (its kind is
 * the upload's); without, a description of media held elsewhere, as posts had before uploads.
 * Alt text is required either way: a screen reader has nothing else to read.
 */
export class MediaItemDto {
  @ApiPropertyOptional({
    description: 'An upload of this workspace: the `id` (SHA-256) from POST /media',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[0-9a-f]{64}$/)
  mediaId?: string;

  @ApiPropertyOptional({
    enum: MEDIA_KINDS,
    description: "Required without `mediaId`; with one, the upload's kind is used",
  })
  @ValidateIf((item: MediaItemDto) => item.mediaId === undefined || item.kind !== undefined)
  @IsIn(MEDIA_KINDS)
  kind?: MediaKind;

  @ApiProperty({
    minLength: 1,
    maxLength: 1000,
    description: 'What the image or video shows, for people who cannot see it',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @Validate(NotBlank)
  altText: string;

  @ApiPropertyOptional({ description: 'Where the asset lives (descriptions without an upload only)' })
  @IsOptionalNotNull()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

/** A post's media item as stored: uploads carry `mediaId`; older descriptions may lack alt text. */
export class PostMediaItemDto {
  @ApiProperty({ enum: MEDIA_KINDS }) kind: MediaKind;
  @ApiPropertyOptional({ description: 'The upload (SHA-256 of its bytes)', pattern: '^[0-9a-f]{64}$' })
  mediaId?: string;
  @ApiPropertyOptional() altText?: string;
  @ApiPropertyOptional() url?: string;
}

export class CreatePostDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalNotNull()
  @IsUUID()
  campaignId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId: string;

  @ApiProperty({ example: 'Spring savings DE', maxLength: 300 })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({
    description:
      'The text exactly as published. At most 5,000 characters and at most the limit of each channel, counted as the channel counts: ' +
      'x 280 (URLs 23, CJK and emoji 2), pinterest 500, instagram 2,200, tiktok 2,200, linkedin 3,000, youtube and facebook 5,000. Longer is a 400 naming body.',
    maxLength: MAX_BODY_LENGTH,
  })
  @IsString()
  @MinLength(1)
  @Validate(FitsChannels)
  body: string;

  @ApiProperty({ example: 'de-DE', description: 'BCP 47 language tag of the text' })
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'locale must be a language tag such as de-DE or en' })
  locale: string;

  @ApiProperty({ enum: PRODUCT_CATEGORIES })
  @IsIn(PRODUCT_CATEGORIES)
  productCategory: ProductCategory;

  @ApiProperty({ enum: COMMUNICATION_TYPES })
  @IsIn(COMMUNICATION_TYPES)
  communicationType: CommunicationType;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience: Audience;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  interactive?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptionalNotNull()
  @IsBoolean()
  paid?: boolean;

  @ApiPropertyOptional({ default: false, description: 'A paid third-party creator posts it' })
  @IsOptionalNotNull()
  @IsBoolean()
  influencer?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'A paid post placed through the platform\'s own ad system (Facebook/Instagram/LinkedIn/X/TikTok/YouTube ads), which shows the platform\'s label ("Sponsored", "Gesponsert", "Gesponsord"): the in-text advertising label rules do not apply to it. Requires `paid: true`. False for the brand\'s organic posts and for paid creator or partnership posts (`influencer: true`), which must label themselves.',
  })
  @IsOptionalNotNull()
  @IsBoolean()
  platformAd?: boolean;

  @ApiProperty({ enum: CHANNELS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHANNELS.length)
  @ArrayUnique()
  @IsIn(CHANNELS, { each: true })
  channels: Channel[];

  @ApiProperty({ example: ['DE'], description: 'Codes of loaded packs (GET /jurisdictions)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[A-Z]{2,8}$/, { each: true, message: 'each jurisdiction must be an upper-case code such as DE' })
  @Validate(KnownJurisdictionConstraint)
  jurisdictions: string[];

  @ApiPropertyOptional({ example: ['https://bank.example/kredit'] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  links?: string[];

  @ApiPropertyOptional({ type: [MediaItemDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MediaItemDto)
  media?: MediaItemDto[];

  @ApiPropertyOptional({
    example: '2027-12-01T09:30:00+01:00',
    description: 'An instant with an offset, or a wall-clock time without one that is read in `timezone`',
  })
  @IsOptionalNotNull()
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time such as 2027-12-01T09:30:00+01:00' })
  @Validate(IsScheduleTime)
  scheduledAt?: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  @Validate(IsIanaTimeZone)
  timezone: string;
}

export class UpdatePostDto extends PartialType(OmitType(CreatePostDto, ['scheduledAt', 'campaignId'] as const), {
  skipNullProperties: false,
}) {
  @ApiProperty({ description: 'The revision this change is based on; a stale one is a 409' })
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  revision: number;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null takes the post off the calendar' })
  @IsOptional()
  @IsString()
  @Matches(ISO_DATE_TIME, { message: 'scheduledAt must be an ISO-8601 date-time such as 2027-12-01T09:30:00+01:00' })
  @Validate(IsScheduleTime)
  scheduledAt?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  campaignId?: string | null;
}

export class PostDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: POST_STATUSES }) status: PostStatus;
  @ApiPropertyOptional({
    ...JSON_OBJECT,
    nullable: true,
    description:
      "Why the post is held, failed or missed: `code` (e.g. paused, blackout, missed), `message` in the reader's language, and the facts behind it",
  })
  statusReason: Record<string, unknown> | null;
  @ApiPropertyOptional({
    ...JSON_OBJECT,
    nullable: true,
    description:
      "Set when a pack change or a rule taking effect worsened this revision's verdict: { reason, before, after, detectedAt, findings, held, recipients }. Cleared by the next edit.",
  })
  complianceAlert: Record<string, unknown> | null;
  @ApiProperty() revision: number;
  @ApiProperty() contentHash: string;
  @ApiPropertyOptional({ nullable: true, type: String }) campaignId: string | null;
  @ApiProperty() brandId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'User id of the author' }) createdBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Name of the author' }) authorName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty() locale: string;
  @ApiProperty({ enum: PRODUCT_CATEGORIES }) productCategory: ProductCategory;
  @ApiProperty({ enum: COMMUNICATION_TYPES }) communicationType: CommunicationType;
  @ApiProperty({ enum: AUDIENCES }) audience: Audience;
  @ApiProperty() interactive: boolean;
  @ApiProperty() paid: boolean;
  @ApiProperty() influencer: boolean;
  @ApiProperty({ description: "Placed through the platform's ad system, which labels it" }) platformAd: boolean;
  @ApiProperty({ enum: CHANNELS, isArray: true }) channels: Channel[];
  @ApiProperty({ type: [String] }) jurisdictions: string[];
  @ApiProperty({ type: [String] }) links: string[];
  @ApiProperty({ type: [PostMediaItemDto] }) media: PostMediaItemDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'UTC' }) scheduledAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The same instant with the offset of `timezone`' })
  scheduledLocal: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class RevisionDto {
  @ApiProperty() number: number;
  @ApiProperty() contentHash: string;
  @ApiPropertyOptional({ nullable: true, type: String }) authorId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ ...JSON_OBJECT, description: 'The revision content: the fields of a post' }) content: Record<
    string,
    unknown
  >;
}

export class DiffQueryDto {
  @ApiProperty({ description: 'The revision to compare against' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  against: number;
}

export class RedlineSegmentDto {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: string;
  @ApiProperty() text: string;
}

/** A post field's value: text, a flag, or a list (channels, jurisdictions, links, media); null when unset. */
const FIELD_VALUE = {
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'boolean' },
    { type: 'array', items: { oneOf: [{ type: 'string' }, JSON_OBJECT] } },
  ],
};

export class FieldChangeDto {
  @ApiProperty() field: string;
  @ApiProperty(FIELD_VALUE) from: unknown;
  @ApiProperty(FIELD_VALUE) to: unknown;
}

export class RedlineDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [RedlineSegmentDto] }) body: RedlineSegmentDto[];
  @ApiProperty({ type: [FieldChangeDto] }) fields: FieldChangeDto[];
}
