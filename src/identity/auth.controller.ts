import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from './actor';
import { CurrentActor, PeopleOnly, Public } from './access.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/identity.dto';
import { clientAddress } from './login/client-address';
import { PasswordsService } from './passwords/passwords.service';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password; returns a JWT and the workspaces' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failed logins from this address or for this account' })
  login(@Req() req: Request, @Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto.email, dto.password, clientAddress(req));
  }

  @Post('logout')
  @PeopleOnly()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke every login token of the caller (all devices), at once on every instance' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'API_KEY_NOT_ALLOWED: revoke an API key with DELETE .../api-keys/:id' })
  logout(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logout(AuthService.requireUser(actor));
  }

  @Post('password')
  @PeopleOnly()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own password; every other token is revoked and a new login is returned' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiForbiddenResponse({ description: 'WRONG_PASSWORD (current password), or API_KEY_NOT_ALLOWED' })
  @ApiUnprocessableEntityResponse({ description: 'WEAK_PASSWORD: shorter than 12, common, or built on your e-mail, name or workspace' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failed password checks' })
  changePassword(@Req() req: Request, @CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<LoginResponseDto> {
    return this.passwords.change(AuthService.requireUser(actor), dto.currentPassword, dto.newPassword, clientAddress(req));
  }
}
