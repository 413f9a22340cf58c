import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '../../common/http/optional.decorator';
import { CHANNELS, type Channel } from '../../calendar/domain/post-vocabulary';
import { ADAPTER_KINDS, isNetworkAdapter, type AdapterKind } from '../adapters/channel-adapter';
import { HEALTH_STATUSES, type HealthStatus } from '../connections/channel-health';

/**
 * A URL with `user:password@` would be sent as Basic auth and shown wherever the URL is; the
 * receiver authenticates requests by their X-Preclear-Signature instead.
 */
const HasNoCredentials = (): PropertyDecorator =>
  ValidateBy({
    name: 'hasNoCredentials',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return true; // IsUrl reports it
        try {
          const url = new URL(value);
          return url.username === '' && url.password === '';
        } catch {
          return true;
        }
      },
      defaultMessage: () =>
        'url must not contain a user name or password; the receiver checks the X-Preclear-Signature made with the secret',
    },
  });

const URL_DESCRIPTION =
  'Receives the signed POST. Loopback, private, link-local and metadata addresses are refused unless WEBHOOK_ALLOWED_HOSTS allows them; no credentials in the URL';
const SECRET_DESCRIPTION = 'HMAC-SHA256 key for X-Preclear-Signature; stored encrypted, never returned';

export class WebhookConfigDto {
  @ApiProperty({ example: 'https://publisher.bank.example/preclear', maxLength: 2000, description: URL_DESCRIPTION })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @HasNoCredentials()
  @MaxLength(2000)
  url: string;

  @ApiProperty({ writeOnly: true, minLength: 16, maxLength: 500, description: SECRET_DESCRIPTION })
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret: string;
}

/** Either part of a webhook configuration; what is left out stays as it is. */
export class WebhookConfigPatchDto {
  @ApiPropertyOptional({
    example: 'https://publisher.bank.example/preclear',
    maxLength: 2000,
    description: URL_DESCRIPTION,
  })
  @IsOptionalNotNull()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @HasNoCredentials()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({
    writeOnly: true,
    minLength: 16,
    maxLength: 500,
    description: `${SECRET_DESCRIPTION}; a new one replaces the old at once`,
  })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret?: string;
}

const ACCOUNT_ID_DESCRIPTION =
  'The account published as: LinkedIn organisation URN (urn:li:organization:123), Facebook Page id, Instagram business account id, X user id';
const TOKEN_DESCRIPTION =
  'Access token for the account (a system-user or long-lived token); stored encrypted, never returned';

/** A network account set up by pasting a token (system-user set-ups) instead of the OAuth flow. */
export class NetworkAccountDto {
  @ApiProperty({ example: 'urn:li:organization:2414183', maxLength: 200, description: ACCOUNT_ID_DESCRIPTION })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id: string;

  @ApiProperty({ writeOnly: true, minLength: 8, maxLength: 4000, description: TOKEN_DESCRIPTION })
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  accessToken: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the token stops working, if the network said' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

/** Part of a network account: a new token replaces the old one and marks the channel connected again. */
export class NetworkAccountPatchDto {
  @ApiPropertyOptional({ maxLength: 200, description: ACCOUNT_ID_DESCRIPTION })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  id?: string;

  @ApiPropertyOptional({ writeOnly: true, minLength: 8, maxLength: 4000, description: TOKEN_DESCRIPTION })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(8)
  @MaxLength(4000)
  accessToken?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the token stops working, if the network said' })
  @IsOptionalNotNull()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class CreateChannelDto {
  @ApiProperty({ example: 'Instagram via the social desk', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({
    enum: ADAPTER_KINDS,
    description:
      '`webhook` POSTs signed JSON; `log` only logs (demos); `linkedin`, `facebook`, `instagram`, `x` publish through the network (only on the channel of the same name)',
  })
  @IsIn(ADAPTER_KINDS)
  adapter: AdapterKind;

  @ApiPropertyOptional({
    type: NetworkAccountDto,
    description: 'Required for the network adapters when the account is set up with a pasted token',
  })
  @ValidateIf(
    (o: CreateChannelDto) =>
      (typeof o.adapter === 'string' &&
        (ADAPTER_KINDS as readonly string[]).includes(o.adapter) &&
        isNetworkAdapter(o.adapter)) ||
      o.account !== undefined,
  )
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NetworkAccountDto)
  account?: NetworkAccountDto;

  @ApiPropertyOptional({ type: WebhookConfigDto, description: 'Required for `webhook`' })
  @ValidateIf((o: CreateChannelDto) => o.adapter === 'webhook' || o.config !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookConfigDto)
  config?: WebhookConfigDto;
}

/** What may change in place; the brand and channel are what a target is for, and stay. */
export class UpdateChannelDto {
  @ApiPropertyOptional({ example: 'Instagram via the social desk', maxLength: 200 })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    enum: ADAPTER_KINDS,
    description: 'Switching to `log` drops the stored url and secret unless `config` is given',
  })
  @IsOptionalNotNull()
  @IsIn(ADAPTER_KINDS)
  adapter?: AdapterKind;

  @ApiPropertyOptional({
    type: WebhookConfigPatchDto,
    description: 'A webhook target must end up with both a url and a secret',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookConfigPatchDto)
  config?: WebhookConfigPatchDto;

  @ApiPropertyOptional({
    type: NetworkAccountPatchDto,
    description: 'A network target must end up with an account id and a token',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => NetworkAccountPatchDto)
  account?: NetworkAccountPatchDto;
}

export class ChannelConfigViewDto {
  @ApiPropertyOptional({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ description: 'Whether a secret is stored (it is never shown)' }) secretSet: boolean;
}

export class ChannelHealthDto {
  @ApiProperty({
    enum: HEALTH_STATUSES,
    description:
      '`expiring`: the token stops working within 7 days and cannot be refreshed; `needs_reconnect`: the network refused it (due posts are held) until a publisher connects again',
  })
  status: HealthStatus;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When the current token expires, if the network said',
  })
  expiresAt: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: "Why it needs a reconnect, in the network's words where it gave any",
  })
  reason: string | null;
}

export class ChannelDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() brandId: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: ADAPTER_KINDS }) adapter: AdapterKind;
  @ApiProperty({ type: ChannelConfigViewDto }) config: ChannelConfigViewDto;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Network targets: the account published as (organisation URN, page id, Instagram or X user id)',
  })
  accountId: string | null;
  @ApiProperty({ type: ChannelHealthDto }) health: ChannelHealthDto;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}
