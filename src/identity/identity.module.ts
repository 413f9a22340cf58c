import { Module, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { I18nService } from '../i18n/i18n.service';
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
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';
import { LoginAttemptsService } from './login/login-attempts.service';
import { LoginLimiter } from './login/login-limiter';
import { InvitationAcceptanceController } from './members/invitation-acceptance.controller';
import { InvitationsService } from './members/invitations.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { PasswordResetService } from './passwords/password-reset.service';
import { PasswordsService } from './passwords/passwords.service';
import { ResetLimiter } from './passwords/reset-limiter';
import { MailModule } from '../notifications/mail/mail.module';
import { SessionController } from './session/session.controller';
import { SessionService } from './session/session.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Workspace, Membership, ApiKey, Invitation, RoleGrant]), AuditModule, MailModule],
  controllers: [AuthController, SessionController, WorkspacesController, MembersController, InvitationAcceptanceController],
  providers: [
    AuthService,
    SessionService,
    LoginLimiter,
    LoginAttemptsService,
    PasswordsService,
    PasswordResetService,
    ResetLimiter,
    WorkspacesService,
    MembersService,
    InvitationsService,
    AdminBootstrapService,
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
