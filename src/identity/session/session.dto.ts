import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { LoginUserDto, LoginWorkspaceDto } from '../dto/identity.dto';

/** The browser's session: who is signed in, their workspaces, and the token to echo in X-CSRF-Token. */
export class SessionDto {
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
  @ApiProperty({ type: [LoginWorkspaceDto] }) workspaces: LoginWorkspaceDto[];
  @ApiProperty({
    description: 'Send it as X-CSRF-Token on every POST, PATCH, PUT and DELETE made with the session cookie',
  })
  csrfToken: string;
  @ApiProperty({
    description:
      'True: a workspace requires a second factor and this session may only enrol one (every other route answers 403 SECOND_FACTOR_REQUIRED)',
  })
  mustEnrolSecondFactor: boolean;
}

/**
 * The answer to a correct password when the user has a second
 * factor: no session yet, a challenge to answer with a code.
 */
export class SecondFactorChallengeDto {
  @ApiProperty({ type: Boolean, description: 'Always true: tells this answer from a session' })
  secondFactorRequired: true;
  @ApiProperty({ description: 'Send it with the code to .../second-factor within 5 minutes' }) challengeToken: string;
}

export class SecondFactorAnswerDto {
  @ApiProperty() @IsString() @MaxLength(2000) challengeToken: string;
  @ApiProperty({
    example: '123456',
    description: 'The 6-digit code of the authenticator app, or an unused recovery code',
  })
  @IsString()
  @MaxLength(40)
  code: string;
}
