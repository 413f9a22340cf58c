import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ApiKey } from './entities/api-key.entity';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import { AccessGuard } from './guards/access.guard';
import { SessionController } from './session/session.controller';
import { SessionService } from './session/session.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Workspace, Membership, ApiKey]), AuditModule],
  controllers: [AuthController, SessionController, WorkspacesController],
  providers: [AuthService, SessionService, WorkspacesService, AdminBootstrapService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, WorkspacesService],
})
export class IdentityModule {}
