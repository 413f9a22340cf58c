import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../../common/domain/actor';
import { CurrentActor, PeopleOnly, SecondFactorEnrolment } from '../access.decorators';
import { AuthService } from '../auth.service';
import { clientAddress } from '../login/client-address';
import {
  RecoveryCodesDto,
  SecondFactorCodeDto,
  SecondFactorEnrolmentDto,
  SecondFactorStatusDto,
} from './second-factor.dto';
import { SecondFactorService } from './second-factor.service';

/** The signed-in person's own second factor; open to a session that must enrol first. */
@ApiTags('identity')
@ApiBearerAuth()
@Controller('auth/second-factor')
@PeopleOnly()
@SecondFactorEnrolment()
export class SecondFactorController {
  constructor(private readonly factors: SecondFactorService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether you have a second factor, how many recovery codes are left, and which workspaces require one',
  })
  @ApiOkResponse({ type: SecondFactorStatusDto })
  status(@CurrentActor() actor: Actor): Promise<SecondFactorStatusDto> {
    return this.factors.status(AuthService.requireUser(actor));
  }

  @Post('enrolment')
  @ApiOperation({ summary: 'Start enrolment: a new TOTP secret and its otpauth URI (replaces an unconfirmed one)' })
  @ApiCreatedResponse({ type: SecondFactorEnrolmentDto })
  @ApiConflictResponse({ description: 'SECOND_FACTOR_ENROLLED: a confirmed factor is replaced only by a reset' })
  begin(@CurrentActor() actor: Actor): Promise<SecondFactorEnrolmentDto> {
    return this.factors.beginEnrolment(AuthService.requireUser(actor));
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm enrolment with a code from the app; returns the ten recovery codes, once' })
  @ApiOkResponse({ type: RecoveryCodesDto })
  @ApiConflictResponse({ description: 'SECOND_FACTOR_NOT_PENDING: start an enrolment first' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many wrong codes' })
  async confirm(
    @Req() req: Request,
    @CurrentActor() actor: Actor,
    @Body() dto: SecondFactorCodeDto,
  ): Promise<RecoveryCodesDto> {
    return {
      recoveryCodes: await this.factors.confirmEnrolment(AuthService.requireUser(actor), dto.code, clientAddress(req)),
    };
  }
}
