import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS, type Channel } from '../../calendar/domain/post-vocabulary';
import { ADAPTER_KINDS, type AdapterKind } from '../adapters/channel-adapter';

export class WebhookConfigDto {
  @ApiProperty({ example: 'https://publisher.bank.example/preclear', description: 'Receives the signed POST' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ writeOnly: true, minLength: 16, description: 'HMAC-SHA256 key for X-Preclear-Signature; stored encrypted, never returned' })
  @IsString()
  @MinLength(16)
  @MaxLength(500)
  secret: string;
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

  @ApiProperty({ enum: ADAPTER_KINDS, description: '`webhook` POSTs signed JSON; `log` only logs (demos)' })
  @IsIn(ADAPTER_KINDS)
  adapter: AdapterKind;

  @ApiPropertyOptional({ type: WebhookConfigDto, description: 'Required for `webhook`' })
  @ValidateIf((o: CreateChannelDto) => o.adapter === 'webhook' || o.config !== undefined)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookConfigDto)
  config?: WebhookConfigDto;
}

export class ChannelConfigViewDto {
  @ApiPropertyOptional({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ description: 'Whether a secret is stored (it is never shown)' }) secretSet: boolean;
}

export class ChannelDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() brandId: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: ADAPTER_KINDS }) adapter: AdapterKind;
  @ApiProperty({ type: ChannelConfigViewDto }) config: ChannelConfigViewDto;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}
