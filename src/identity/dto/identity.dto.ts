import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords/password-policy';
import { ROLES, type Role } from '../roles';

export class LoginDto {
  @ApiProperty({ example: 'admin@bank.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class LoginWorkspaceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}

export class LoginUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'Your current password' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword: string;

  @ApiProperty({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description:
      'At least 12 characters; common passwords and ones built on your e-mail, name or workspace are refused (422 WEAK_PASSWORD)',
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'rita.reviewer@bank.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class PasswordResetAcceptedDto {
  @ApiProperty({ example: 'accepted', description: 'Always the same, whether or not the address has an account' })
  status: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the e-mailed link (after #token=)' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  token: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  newPassword: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
  @ApiProperty({ type: [LoginWorkspaceDto] }) workspaces: LoginWorkspaceDto[];
}

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Acme Bank Marketing' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class WorkspaceDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
}

export class QualificationDto {
  @ApiPropertyOptional({ description: "A FINRA registered principal's CRD number", example: '1234567' })
  @IsOptional()
  @Matches(/^\d{1,10}$/, { message: 'crdNumber must be 1 to 10 digits' })
  crdNumber?: string;

  @ApiPropertyOptional({ example: ['Series 24'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  licences?: string[];

  @ApiPropertyOptional({ example: 'Head of Compliance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CMS integration' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class ApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ description: 'First characters of the key' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastUsedAt: string | null;
}

export class CreatedApiKeyDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The key, shown once; only its hash is stored' }) key: string;
}
