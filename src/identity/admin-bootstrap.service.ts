import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WorkspacesService } from './workspaces.service';

/** Creates the ADMIN_* administrator on the first start of an empty database. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaces: WorkspacesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.workspaces.bootstrapAdmin(
      this.config.ADMIN_EMAIL,
      this.config.ADMIN_PASSWORD,
      this.config.ADMIN_WORKSPACE,
    );
  }
}
