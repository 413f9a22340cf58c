import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '../roles';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SLUG = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export class GroupRolesDto {
  @ApiProperty({ example: 'preclear-compliance', description: 'A value of the groups claim' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  group: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

/** A workspace's single sign-on: PUT replaces it whole (the client secret may be left out to keep the stored one). */
export class PutSsoConfigDto {
  @ApiProperty({
    example: 'bank',
    description: 'Names the workspace on the sign-in page ("Sign in with SSO"); lower-case letters, digits, hyphens',
  })
  @IsString()
  @Matches(SLUG)
  slug: string;

  @ApiProperty({
    example: 'https://login.bank.example/realms/staff',
    description: 'Issuer URL; its /.well-known/openid-configuration is read',
  })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  issuerUrl: string;

  @ApiProperty({ example: 'preclear' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientId: string;

  @ApiPropertyOptional({
    description:
      'Client secret; stored encrypted, never returned. Required the first time, left out to keep the stored one',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  clientSecret?: string;

  @ApiProperty({
    example: ['bank.example'],
    description: 'Only verified e-mail addresses of these domains may sign in',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(DOMAIN, { each: true })
  allowedDomains: string[];

  @ApiPropertyOptional({ default: 'groups', description: 'The ID token claim that lists the groups' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  groupsClaim?: string;

  @ApiProperty({
    type: [GroupRolesDto],
    description: 'Group to roles; roles named here are held exactly while a group gives them',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GroupRolesDto)
  groupRoles: GroupRolesDto[];

  @ApiProperty({ description: "False: the workspace's members cannot sign in with a password (API keys keep working)" })
  @IsBoolean()
  passwordSignIn: boolean;
}

export class SsoConfigDto {
  @ApiProperty() slug: string;
  @ApiProperty() issuerUrl: string;
  @ApiProperty() clientId: string;
  @ApiProperty({ description: 'Whether a client secret is stored (it is never returned)' }) clientSecretSet: boolean;
  @ApiProperty({ type: [String] }) allowedDomains: string[];
  @ApiProperty() groupsClaim: string;
  @ApiProperty({ type: [GroupRolesDto] }) groupRoles: GroupRolesDto[];
  @ApiProperty() passwordSignIn: boolean;
  @ApiProperty({ description: 'Give this to the identity provider as the redirect URI' }) redirectUri: string;
  @ApiProperty() updatedAt: string;
}

/** Where to start: a workspace's SSO slug or an e-mail address whose domain a workspace allows. */
export class SsoStartQueryDto {
  @ApiPropertyOptional({ example: 'bank' })
  @IsOptional()
  @IsString()
  @Matches(SLUG)
  workspace?: string;

  @ApiPropertyOptional({ example: 'ann@bank.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string;
}

export class SsoCallbackQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) state?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) error?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) error_description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) iss?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) session_state?: string;
}
