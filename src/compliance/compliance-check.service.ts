import { Injectable } from '@nestjs/common';
import { BrandsService } from '../brands/brands.service';
import { validateBrandProfile } from '../brands/brand-profile.validator';
import { PostsService } from '../calendar/posts.service';
import { assertPlacement } from '../calendar/domain/placement';
import { resolveScheduledAt } from '../calendar/domain/schedule-time';
import { scheduleProblem } from '../calendar/dto/post.dto';
import { ValidationFailedError } from '../common/errors/validation-details';
import type { Language } from '../i18n/i18n.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { ComplianceService, type LocalizedEvaluation } from './compliance.service';
import type { ComplianceCheckDto } from './dto/compliance.dto';
import { WorkspaceOverridesService } from './workspace-overrides.service';
import { Clock } from '../common/clock/clock';

/** The two check use cases: a would-be post (stateless) and a stored post's current revision. */
@Injectable()
export class ComplianceCheckService {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly brands: BrandsService,
    private readonly posts: PostsService,
    private readonly overrides: WorkspaceOverridesService,
    private readonly clock: Clock,
  ) {}

  async checkDraft(member: WorkspaceMember, dto: ComplianceCheckDto, lang: Language): Promise<LocalizedEvaluation> {
    assertPlacement({ paid: dto.paid ?? false, platformAd: dto.platformAd });
    const unknown = dto.jurisdictions.filter((code) => !this.compliance.hasJurisdiction(code));
    if (unknown.length > 0) {
      throw new ValidationFailedError([
        { field: 'jurisdictions', code: 'isKnownJurisdiction', params: { value: unknown.join(', ') } },
      ]);
    }
    if (dto.brandProfile) {
      const problems = validateBrandProfile(dto.brandProfile, this.compliance.profileFactsSchema()).map((p) => ({
        ...p,
        field: p.field.replace(/^profile/, 'brandProfile'),
      }));
      if (problems.length > 0) throw new ValidationFailedError(problems);
    }
    // The brand's profile and the workspace's overrides are independent reads: one round trip's wait, not two.
    const [profile, overrides] = await Promise.all([
      dto.brandProfile || !dto.brandId
        ? (dto.brandProfile ?? {})
        : this.brands.find(member.workspaceId, dto.brandId).then((brand) => brand.profile),
      this.overrides.forWorkspace(member.workspaceId),
    ]);
    let publishAt: Date | null = null;
    if (dto.scheduledAt) {
      const timezone = dto.timezone ?? 'UTC';
      const resolved = resolveScheduledAt(dto.scheduledAt, timezone);
      if (!resolved.ok) {
        throw new ValidationFailedError([
          { field: 'scheduledAt', ...scheduleProblem(resolved, dto.scheduledAt, timezone) },
        ]);
      }
      publishAt = resolved.instant;
    }
    const evaluation = this.compliance.evaluate(
      {
        title: dto.title ?? '',
        body: dto.body,
        locale: dto.locale,
        productCategory: dto.productCategory,
        communicationType: dto.communicationType,
        audience: dto.audience,
        interactive: dto.interactive ?? false,
        paid: dto.paid ?? false,
        influencer: dto.influencer ?? false,
        platformAd: dto.platformAd ?? false,
        channels: dto.channels,
        jurisdictions: dto.jurisdictions,
        links: dto.links ?? [],
        // The rules read alt texts only; an upload's kind does not change what they find.
        media: (dto.media ?? []).map((m) => ({ ...m, kind: m.kind ?? 'image' })),
      },
      profile,
      publishAt,
      this.clock.now(),
      overrides,
    );
    return this.compliance.localize(evaluation, lang);
  }

  async checkPost(member: WorkspaceMember, postId: string, lang: Language): Promise<LocalizedEvaluation> {
    const post = await this.posts.find(member.workspaceId, postId);
    const [brand, overrides] = await Promise.all([
      this.brands.find(member.workspaceId, post.brandId),
      this.overrides.forWorkspace(member.workspaceId),
    ]);
    return this.compliance.localize(
      this.compliance.evaluate(post, brand.profile, post.scheduledAt, this.clock.now(), overrides),
      lang,
    );
  }
}
