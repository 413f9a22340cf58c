import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import type { Actor } from '../common/domain/actor';
import { CurrentActor, PeopleOnly, Public, SecondFactorEnrolment } from './access.decorators';
import { AuthService } from './auth.service';
import {
  ChangePasswordDto,
  LoginDto,
  LoginResponseDto,
  PasswordResetAcceptedDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './dto/identity.dto';
import { type Language } from '../i18n/i18n.service';
import { RequestLanguage } from '../i18n/request-language.decorator';
import { PasswordResetService } from './passwords/password-reset.service';
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
    private readonly resets: PasswordResetService,
    private readonly signIn: PasswordSignInService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password; returns a JWT and the workspaces, or a second-factor challenge',
  })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(LoginResponseDto) }, { $ref: getSchemaPath(SecondFactorChallengeDto) }] },
  })
  @ApiForbiddenResponse({
    description: 'PASSWORD_SIGN_IN_DISABLED: a workspace of the account signs in through its identity provider only',
  })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many failed logins from this address or for this account',
  })
  async login(@Req() req: Request, @Body() dto: LoginDto): Promise<LoginResponseDto | SecondFactorChallengeDto> {
    const result = await this.signIn.signIn(dto.email, dto.password, clientAddress(req));
    return result.kind === 'challenge'
      ? { secondFactorRequired: true, challengeToken: result.challengeToken }
      : result.login;
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
  @ApiUnprocessableEntityResponse({
    description: 'WEAK_PASSWORD: shorter than 12, common, or built on your e-mail, name or workspace',
  })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failed password checks' })
  changePassword(
    @Req() req: Request,
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
  ): Promise<LoginResponseDto> {
    return this.passwords.change(
      AuthService.requireUser(actor),
      dto.currentPassword,
      dto.newPassword,
      clientAddress(req),
    );
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Ask for a password reset link by e-mail (valid 30 minutes, once); the same answer whether or not the address has an account',
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedDto })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many reset requests from this address' })
  async requestReset(
    @Req() req: Request,
    @Body() dto: PasswordResetRequestDto,
    @RequestLanguage() lang: Language,
  ): Promise<PasswordResetAcceptedDto> {
    await this.resets.request(dto.email, clientAddress(req), lang);
    return { status: 'accepted' };
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with the e-mailed token; every session and token of the account is revoked',
  })
  @ApiNoContentResponse()
  @ApiUnprocessableEntityResponse({ description: 'RESET_TOKEN_INVALID (unknown, used or expired), or WEAK_PASSWORD' })
  confirmReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.newPassword);
  }
}
