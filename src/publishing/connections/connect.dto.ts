import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CHANNELS, type Channel } from '../../calendar/domain/post-vocabulary';
import { IsOptionalNotNull } from '../../common/http/optional.decorator';
import { NETWORK_ADAPTER_KINDS, type NetworkAdapterKind } from '../adapters/channel-adapter';

export class ConnectChannelDto {
  @ApiProperty({
    enum: NETWORK_ADAPTER_KINDS,
    description: 'The network to connect (Facebook and Instagram both sign in with Meta)',
  })
  @IsIn(NETWORK_ADAPTER_KINDS)
  network: NetworkAdapterKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  brandId: string;

  @ApiProperty({ enum: CHANNELS, description: 'The brand channel the account publishes; the same as `network`' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ example: 'Bank LinkedIn page', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'The account to connect (LinkedIn organisation URN, Facebook page id, Instagram user id), if known; otherwise the member picks one after signing in',
  })
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  accountId?: string;
}

export class ConnectStartedDto {
  @ApiProperty({
    description: "Send the member's browser here; the network redirects back to /api/v1/oauth/<network>/callback",
  })
  authorizationUrl: string;

  @ApiProperty({ description: 'The sign-in must be finished by then' })
  expiresAt: string;
}

export class OfferedAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class PendingConnectionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NETWORK_ADAPTER_KINDS }) network: NetworkAdapterKind;
  @ApiProperty() brandId: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty() name: string;
  @ApiProperty({ type: [OfferedAccountDto] }) accounts: OfferedAccountDto[];
  @ApiProperty() expiresAt: string;
}

export class ChooseAccountDto {
  @ApiProperty({ maxLength: 200, description: 'One of the offered accounts' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  accountId: string;
}
