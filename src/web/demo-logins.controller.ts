import { Controller, Get, Inject } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '../demo/demo-data';
import { Public } from '../identity/access.decorators';
import { ROLES, type Role } from '../identity/roles';

export class DemoLoginDto {
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: Role[];
}

export class DemoLoginsDto {
  @ApiProperty() password: string;
  @ApiProperty({ type: [DemoLoginDto] }) logins: DemoLoginDto[];
}

/** The sign-in page lists the demo accounts, in demo mode only (DEMO=true); anywhere else the route does not exist. */
@ApiTags('identity')
@Controller('auth/demo-logins')
export class DemoLoginsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The demo accounts and their password (only when the server runs with DEMO=true)' })
  @ApiOkResponse({ type: DemoLoginsDto })
  @ApiNotFoundResponse({ description: 'Not a demo server' })
  list(): DemoLoginsDto {
    if (!this.config.DEMO) throw new NotFoundError('route');
    return { password: DEMO_PASSWORD, logins: DEMO_MEMBERS.map(({ email, name, roles }) => ({ email, name, roles })) };
  }
}
