import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from './actor';
import { CurrentActor, PeopleOnly, Public, SecondFactorEnrolment } from './access.decorators';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/identity.dto';
import { clientAddress } from './login/client-address';
import { PasswordsService } from './passwords/passwords.service';
import { SecondFactorAnswerDto, SecondFactorChallengeDto } from './session/session.dto';
import { PasswordSignInService } from './sign-in/password-sign-in.service';

@ApiTags('identity')
@ApiExtraModels(LoginResponseDto, SecondFactorChallengeDto)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
    private readonly signIn: PasswordSignInService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password; returns a JWT and the workspaces, or a second-factor challenge' })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(SecondFactorChallengeDto) }] } })
  @ApiForbiddenResponse({ description: 'PASSWORD_SIGN_IN_DISABLED: a workspace of the account signs in through its identity provider only' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failed logins from this address or for this account' })
  async login(@Req() req: Request, @Body() dto: LoginDto): Promise<LoginResponseDto | SecondFactorChallengeDto> {
    const result = await this.signIn.signIn(dto.email, dto.password, clientAddress(req));
    return result.kind === 'challenge' ? { secondFactorRequired: true, challengeToken: result.challengeToken } : result.login;
  }

  @Post('login/second-factor')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Second step of a login: the challenge and a TOTP or recovery code; returns the JWT' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Wrong or used code, or an expired challenge' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many wrong codes' })
  secondFactor(@Req() req: Request, @Body() dto: SecondFactorAnswerDto): Promise<LoginResponseDto> {
    return this.signIn.completeChallenge(dto.challengeToken, dto.code, clientAddress(req));
  }

  @Post('logout')
  @PeopleOnly()
  @SecondFactorEnrolment()
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
