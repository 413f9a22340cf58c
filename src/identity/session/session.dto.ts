import { ApiProperty } from '@nestjs/swagger';
import { LoginUserDto, LoginWorkspaceDto } from '../dto/identity.dto';

/** The browser's session: who is signed in, their workspaces, and the token to echo in X-CSRF-Token. */
export class SessionDto {
  @ApiProperty({ type: LoginUserDto }) user: LoginUserDto;
  @ApiProperty({ type: [LoginWorkspaceDto] }) workspaces: LoginWorkspaceDto[];
  @ApiProperty({ description: 'Send it as X-CSRF-Token on every POST, PATCH, PUT and DELETE made with the session cookie' })
  csrfToken: string;
}
