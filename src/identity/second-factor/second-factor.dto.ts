import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';

export class SecondFactorStatusDto {
  @ApiProperty() enrolled: boolean;
  @ApiProperty({ type: String, nullable: true }) confirmedAt: string | null;
  @ApiProperty() recoveryCodesLeft: number;
  @ApiProperty({ type: [String], description: 'Your workspaces that require a second factor' }) requiredBy: string[];
}

export class SecondFactorEnrolmentDto {
  @ApiProperty({ description: 'Base32 secret, for typing into an app by hand' }) secret: string;
  @ApiProperty({
    example: 'otpauth://totp/Preclear:ann%40bank.example?issuer=Preclear&secret=...',
    description: 'For a QR code',
  })
  otpauthUri: string;
}

export class SecondFactorCodeDto {
  @ApiProperty({ example: '123456' }) @IsString() @MaxLength(40) code: string;
}

export class RecoveryCodesDto {
  @ApiProperty({ type: [String], description: 'Ten single-use codes, shown this once (only hashes are kept)' })
  recoveryCodes: string[];
}

export class SecondFactorPolicyDto {
  @ApiProperty({ description: 'Every password member must enrol a second factor before doing anything else' })
  @IsBoolean()
  secondFactorRequired: boolean;
}

export class SecondFactorResetDto {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true }) confirmedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) confirmedAt: string | null;
}
