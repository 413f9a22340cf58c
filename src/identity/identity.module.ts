import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { NetModule } from '../common/net/net.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { I18nService } from '../i18n/i18n.service';
import { DEVELOPMENT_SECRETS_KEY, SECRET_BOX, SecretBox } from '../publishing/secret-box';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ApiKey } from './entities/api-key.entity';
import { Invitation } from './entities/invitation.entity';
import { Membership } from './entities/membership.entity';
import { RoleGrant } from './entities/role-grant.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { AccessGuard } from './guards/access.guard';
import { RequestCaller } from './guards/request-caller';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { LoginAttemptsService } from './login/login-attempts.service';
import { LoginLimiter } from './login/login-limiter';
import { InvitationAcceptanceController } from './members/invitation-acceptance.controller';
import { InvitationMail } from './members/invitation-mail';
import { InvitationsService } from './members/invitations.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { PasswordResetService } from './passwords/password-reset.service';
import { PasswordsService } from './passwords/passwords.service';
import { ResetLimiter } from './passwords/reset-limiter';
import { MailModule } from '../notifications/mail/mail.module';
import { SecondFactorAdminController } from './second-factor/second-factor-admin.controller';
import { SecondFactorAdminService } from './second-factor/second-factor-admin.service';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { SecondFactorService } from './second-factor/second-factor.service';
import { SessionController } from './session/session.controller';
import { PasswordSignInService } from './sign-in/password-sign-in.service';
import { OidcClients } from './sso/oidc-clients';
import { SsoConfigService } from './sso/sso-config.service';
import { SsoMembership } from './sso/sso-membership';
import { SsoSignInService } from './sso/sso-sign-in.service';
import { SsoController } from './sso/sso.controller';
import { SessionService } from './session/session.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Workspace, Membership, ApiKey, Invitation, RoleGrant]),
    AuditModule,
    NetModule,
    MailModule,
  ],
  controllers: [
    AuthController,
    SessionController,
    WorkspacesController,
    MembersController,
    InvitationAcceptanceController,
    SsoController,
    SecondFactorController,
    SecondFactorAdminController,
  ],
  providers: [
    AuthService,
    SessionService,
    RequestCaller,
    LoginLimiter,
    LoginAttemptsService,
    PasswordsService,
    PasswordResetService,
    ResetLimiter,
    WorkspacesService,
    MembersService,
    InvitationsService,
    InvitationMail,
    AdminBootstrapService,
    PasswordSignInService,
    SecondFactorService,
    SecondFactorAdminService,
    OidcClients,
    SsoConfigService,
    SsoMembership,
    SsoSignInService,
    // Client secrets of identity providers are sealed like channel secrets, with the same key.
    {
      provide: SECRET_BOX,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): SecretBox =>
        new SecretBox(config.CHANNEL_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService, WorkspacesService],
})
export class IdentityModule implements OnModuleInit {
  constructor(private readonly i18n: I18nService) {}

  onModuleInit(): void {
    this.i18n.addNamespace('identity', { en, de, nl, pl, fr, es });
  }
}
