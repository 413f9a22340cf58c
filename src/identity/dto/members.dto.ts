import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
  ValidateNested,
} from 'class-validator';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords/password-policy';
import { ROLES, type Role } from '../roles';
import { QualificationDto } from './identity.dto';

export const MEMBER_LANGUAGES = ['en', 'de', 'nl', 'pl', 'fr', 'es'];

/** Adding a member is an invitation: the person accepts it with the token. */
export class CreateMemberDto {
  @ApiProperty({ example: 'reviewer@bank.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({
    example: 'Rita Reviewer',
    description: 'Suggested name for a new account; the invitee may change it',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: QualificationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationDto)
  qualification?: QualificationDto;

  @ApiPropertyOptional({ enum: MEMBER_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(MEMBER_LANGUAGES)
  language?: string;
}

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class InvitationDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The address invited, as typed; nothing else about the person is shown' }) email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty() expiresAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
}

export class CreatedInvitationDto {
  @ApiProperty({ type: InvitationDto }) invitation: InvitationDto;
  @ApiProperty({ description: 'Single-use token, shown once (only its hash is stored); pass it to the invitee' })
  token: string;
  @ApiProperty({
    example: 'https://preclear.example/accept-invitation#token=pci_...',
    description: 'Link for the invitee; the token is in the fragment',
  })
  acceptUrl: string;
  @ApiProperty({
    description:
      'Whether Preclear is e-mailing the link to the invitee (SMTP_URL is set). When false, pass the link on yourself.',
  })
  emailed: boolean;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the invitation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'Name of a new account (default: the one the inviter suggested)' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    maxLength: MAX_PASSWORD_LENGTH,
    description:
      "A new account's password; an existing account's current password unless the request is signed in as that account",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;
}

export class MemberDto {
  @ApiProperty() userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
  @ApiProperty({ description: 'When the person became a member' }) joinedAt: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Always null: a workspace lists all its members at once',
  })
  nextCursor: null;
}

export class UpdateMemberDto {
  @ApiProperty({
    enum: ROLES,
    isArray: true,
    description: 'The roles the member holds from now on (replaces the current ones)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({ type: QualificationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => QualificationDto)
  qualification?: QualificationDto;
}
