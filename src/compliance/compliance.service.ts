import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Evaluation, PackDetail, PackSummary, PostFacts, RulesEngine } from '@preclear/rules-engine';
import type { ProfileFactsSchema } from '../brands/brand-profile.validator';
import type { BrandProfile } from '../brands/entities/brand.entity';
import type { PostContent } from '../calendar/domain/post-content';
import { I18nService, type Language } from '../i18n/i18n.service';
import { applyWorkspaceOverrides, type OverrideContext, type WorkspaceOverride } from './domain/workspace-overrides';
import { RULES_ENGINE } from './rules-engine.module';
import de from './locales/de.json';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';
import pl from './locales/pl.json';

/** An evaluation as the API returns it: the engine's findings with translated messages. */
export type LocalizedEvaluation = Omit<Evaluation, 'jurisdictions'> & {
  jurisdictions: (Omit<Evaluation['jurisdictions'][number], 'findings'> & {
    findings: (Evaluation['jurisdictions'][number]['findings'][number] & { message: string })[];
  })[];
};

/** The Nest face of libs/rules-engine: evaluates posts and translates the findings. */
@Injectable()
export class ComplianceService implements OnModuleInit {
  private readonly codes: Set<string>;
  private readonly overrideContext: OverrideContext;

  constructor(
    @Inject(RULES_ENGINE) private readonly engine: RulesEngine,
    private readonly i18n: I18nService,
  ) {
    this.codes = new Set(engine.packs().map((p) => p.code));
    const stageRoles = new Map<string, string>();
    for (const { code } of engine.packs()) {
      for (const s of engine.pack(code)?.stages ?? []) if (!stageRoles.has(s.stage)) stageRoles.set(s.stage, s.role);
    }
    this.overrideContext = { stageRoles, stageOrder: engine.stageOrder() };
  }

  onModuleInit(): void {
    this.i18n.addNamespace('compliance', { en, de, nl, pl, fr, es });
    for (const [lang, namespaces] of Object.entries(this.engine.locales())) {
      for (const [namespace, resources] of Object.entries(namespaces)) {
        this.i18n.addNamespace(namespace, { [lang]: resources });
      }
    }
  }

  hasJurisdiction(code: string): boolean {
    return this.codes.has(code);
  }

  jurisdictionCodes(): string[] {
    return [...this.codes];
  }

  packs(): PackSummary[] {
    return this.engine.packs();
  }

  pack(code: string): PackDetail | undefined {
    return this.engine.pack(code);
  }

  profileFactsSchema(): ProfileFactsSchema {
    return this.engine.profileFactsSchema();
  }

  stageOrder(): string[] {
    return this.engine.stageOrder();
  }

  /**
   * Evaluates content as it would be published at `publishAt` (or now), with the workspace's
   * overrides (its lexicon and tightening) applied on top of the packs. No I/O: the caller
   * reads the overrides (WorkspaceOverridesService) in its own transaction.
   */
  evaluate(
    content: Omit<PostContent, 'campaignId' | 'brandId' | 'timezone' | 'scheduledAt'>,
    brandProfile: BrandProfile,
    publishAt: Date | null,
    now: Date,
    overrides: readonly WorkspaceOverride[],
  ): Evaluation {
    const facts: PostFacts = {
      body: content.body,
      title: content.title,
      locale: content.locale,
      productCategory: content.productCategory,
      communicationType: content.communicationType,
      audience: content.audience,
      interactive: content.interactive,
      paid: content.paid,
      influencer: content.influencer,
      platformAd: content.platformAd ?? false,
      channels: content.channels,
      jurisdictions: content.jurisdictions,
      links: content.links,
      media: content.media,
      brandProfile,
      publishAt: publishAt ?? undefined,
    };
    const evaluation = this.engine.evaluate(facts, now);
    return applyWorkspaceOverrides(evaluation, facts, overrides, this.overrideContext);
  }

  localize(evaluation: Evaluation, lang: Language): LocalizedEvaluation {
    return {
      ...evaluation,
      jurisdictions: evaluation.jurisdictions.map((j) => ({
        ...j,
        findings: j.findings.map((f) => ({ ...f, message: this.i18n.t(f.messageKey, lang, f.messageParams) })),
      })),
    };
  }
}
