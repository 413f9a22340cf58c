import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { BrandsService } from '../brands/brands.service';
import { CampaignsService } from '../calendar/campaigns.service';
import { PostsService } from '../calendar/posts.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock/clock';
import type { WorkspaceMember } from '../common/domain/actor';
import { Membership } from '../identity/entities/membership.entity';
import { recordRoleGrants } from '../identity/members/role-grants';
import { User } from '../identity/entities/user.entity';
import { Workspace } from '../identity/entities/workspace.entity';
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_WORKSPACE } from './demo-data';
import { demoPosts } from './demo-posts';
import { DEMO_BRAND } from './demo-brand';
import { CHANNELS } from '../calendar/domain/post-vocabulary';
import { ChannelTargetsService } from '../publishing/channel-targets.service';
import { DecisionsService } from '../workflow/decisions.service';
import { SubmissionsService } from '../workflow/submissions.service';

/**
 * With DEMO=true: a demo workspace with one member per role, a bank brand active in seven
 * markets, a campaign and posts. Idempotent: a restart finds the workspace and seeds nothing.
 */
@Injectable()
export class DemoSeederService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly brands: BrandsService,
    private readonly campaigns: CampaignsService,
    private readonly posts: PostsService,
    private readonly submissions: SubmissionsService,
    private readonly decisions: DecisionsService,
    private readonly channels: ChannelTargetsService,
    private readonly clock: Clock,
  ) {}

  /** The seeded workspace, once start-up is done (main.ts prints its logins after listening). */
  workspaceId: string | null = null;

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO) return;
    this.workspaceId = await this.seed();
  }

  private async seed(): Promise<string> {
    const existing = await this.dataSource.getRepository(Workspace).findOne({ where: { name: DEMO_WORKSPACE } });
    if (existing) return existing.id;
    const passwordHash = await argon2.hash(DEMO_PASSWORD);
    const { workspaceId, members } = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['demo-seed']);
      const again = await tx.getRepository(Workspace).findOne({ where: { name: DEMO_WORKSPACE } });
      if (again) return { workspaceId: again.id, members: null };
      const workspace = await tx.getRepository(Workspace).save({ name: DEMO_WORKSPACE });
      return { workspaceId: workspace.id, members: await this.createMembers(tx, workspace.id, passwordHash) };
    });
    // Another instance seeded it first (it held the lock): nothing more to do here.
    if (!members) return workspaceId;
    await this.seedContent(members);
    this.logger.log(`Seeded the demo workspace ${workspaceId}`);
    return workspaceId;
  }

  /** The demo people, one per role, keyed by the local part of their e-mail (admin, marketer, ...). */
  private async createMembers(
    tx: EntityManager,
    workspaceId: string,
    passwordHash: string,
  ): Promise<Record<string, WorkspaceMember>> {
    const byRole: Record<string, WorkspaceMember> = {};
    for (const m of DEMO_MEMBERS) {
      const user =
        (await tx.getRepository(User).findOne({ where: { email: m.email } })) ??
        (await tx.getRepository(User).save({ email: m.email, name: m.name, passwordHash }));
      const qualification = m.qualification ?? {};
      await tx.getRepository(Membership).save({ workspaceId, userId: user.id, roles: m.roles, qualification });
      await recordRoleGrants(tx, { workspaceId, userId: user.id, roles: m.roles, grantedBy: null });
      byRole[m.email.split('@')[0]] = {
        workspaceId,
        actor: { kind: 'user', userId: user.id },
        userId: user.id,
        roles: m.roles,
        qualification,
        language: 'en',
      };
    }
    return byRole;
  }

  /** Brand, log channels, a campaign and the demo posts, through the same services the API uses. */
  private async seedContent(members: Record<string, WorkspaceMember>): Promise<void> {
    const { admin, marketer } = members;
    const brand = await this.brands.create(admin, DEMO_BRAND);
    // The demo publishes to the log: scheduled posts visibly go out when their time comes.
    for (const channel of CHANNELS) {
      await this.channels.create(members.publisher, {
        name: `${channel} (log)`,
        brandId: brand.id,
        channel,
        adapter: 'log',
      });
    }
    const now = this.clock.now();
    const day = (days: number): string =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
    const campaign = await this.campaigns.create(marketer, {
      name: 'Winter 2026',
      brandId: brand.id,
      startsOn: day(0),
      endsOn: day(60),
      description: 'Savings and credit across our seven markets',
    });
    const at = (days: number, time: string): string => `${day(days)}T${time}:00`;
    const created = new Map<string, string>();
    for (const post of demoPosts(at)) {
      const { id } = await this.posts.create(marketer, { ...post, brandId: brand.id, campaignId: campaign.id });
      created.set(post.title, id);
    }
    await this.walkThroughWorkflow(members, created);
  }

  /**
   * Moves demo posts along the workflow through the same services the API uses, so the
   * calendar shows every state: scheduled (all stages signed), in review, changes requested,
   * and drafts that still need fixes.
   */
  private async walkThroughWorkflow(
    members: Record<string, WorkspaceMember>,
    posts: Map<string, string>,
  ): Promise<void> {
    const id = (title: string): string => posts.get(title)!;
    const submit = (title: string): Promise<unknown> =>
      this.submissions.submit(members.marketer, id(title), { revision: 1 }, 'en');
    const approve = (title: string, stage: string, by: WorkspaceMember): Promise<unknown> =>
      this.decisions.decide(by, id(title), { revision: 1, stage, decision: 'approve' });

    await submit('Winter savings US');
    await approve('Winter savings US', 'compliance', members.reviewer);
    await approve('Winter savings US', 'principal', members.principal);

    await submit('Ratenkredit DE');
    await approve('Ratenkredit DE', 'compliance', members.reviewer);

    await submit('Cash ISA UK');

    await submit('Prêt perso FR');
    await this.decisions.decide(members.legal, id('Prêt perso FR'), {
      revision: 1,
      stage: 'compliance',
      decision: 'request_changes',
      comment: 'Add the representative example (TAEG, montant, durée) before we can sign.',
    });
  }
}
