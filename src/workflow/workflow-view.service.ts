import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Post } from '../calendar/entities/post.entity';
import { toPostDto } from '../calendar/post-dto';
import { isOverdue } from './domain/review-deadline';
import type { FilingDto, ReviewStageDto, SignatureDto, WorkflowPostDto } from './dto/workflow.dto';
import type { Filing } from './entities/filing.entity';
import type { ReviewDecision } from './entities/review-decision.entity';
import type { ReviewStage } from './entities/review-stage.entity';
import { ReviewRecordsService } from './review-records.service';
import { Clock } from '../common/clock/clock';

/** Turns workflow records into the API's shapes (times in UTC ISO, overdue flags against the clock). */
@Injectable()
export class WorkflowViewService {
  constructor(
    private readonly records: ReviewRecordsService,
    private readonly clock: Clock,
  ) {}

  /** The post with the stages of its current round (the latest submission of its revision) and its filings. */
  async postView(manager: EntityManager, post: Post): Promise<WorkflowPostDto> {
    const submission = await this.records.latestSubmission(manager, post.id, post.revision);
    const stages = submission ? await this.records.roundStages(manager, submission.id) : [];
    const filings = await this.records.revisionFilings(manager, post.id, post.revision);
    return {
      ...toPostDto(post),
      stages: await this.stageViews(manager, stages),
      filings: filings.map((f) => this.filingView(f)),
    };
  }

  async stageViews(manager: EntityManager, stages: readonly ReviewStage[]): Promise<ReviewStageDto[]> {
    const decisions = await this.records.decisionsOf(
      manager,
      stages.map((s) => s.id),
    );
    const now = this.clock.now();
    return stages.map((stage) => {
      const mine = decisions.filter((d) => d.stageId === stage.id);
      const shown = shownSignature(stage, mine);
      const live = shown?.voidedAt === null ? shown : null;
      return {
        id: stage.id,
        stage: stage.stage,
        role: stage.role,
        position: stage.position,
        status: stage.status,
        revision: stage.revision,
        ruleIds: stage.ruleIds,
        jurisdictions: stage.jurisdictions,
        dueAt: stage.dueAt?.toISOString() ?? null,
        overdue: stage.status === 'open' && isOverdue(stage.dueAt, now),
        expiresAt: live?.expiresAt?.toISOString() ?? null,
        signature: shown ? signatureView(shown) : null,
        voidReason: stage.voidReason,
        voidedSignatures: mine.filter((d) => d.voidedAt !== null && d !== shown).map(signatureView),
      };
    });
  }

  filingView(filing: Filing): FilingDto {
    return {
      id: filing.id,
      postId: filing.postId,
      revision: filing.revision,
      jurisdiction: filing.jurisdiction,
      regulator: filing.regulator,
      when: filing.timing,
      businessDays: filing.businessDays,
      status: filing.status,
      ruleIds: filing.ruleIds,
      fileBy: filing.fileBy?.toISOString() ?? null,
      overdue: filing.status === 'pending' && isOverdue(filing.fileBy, this.clock.now()),
      publishedAt: filing.publishedAt?.toISOString() ?? null,
      reference: filing.reference,
      filedAt: filing.filedAt?.toISOString() ?? null,
      filedBy: filing.filedBy,
      earliestPublishAt: filing.earliestPublishAt?.toISOString() ?? null,
    };
  }
}

/**
 * The signature a stage shows: the one that counts; for a stage voided with its round (an
 * edit, a resubmission), the one voided with it, so history keeps who had signed.
 */
function shownSignature(stage: ReviewStage, signatures: readonly ReviewDecision[]): ReviewDecision | null {
  const live = signatures.find((d) => d.voidedAt === null);
  if (live) return live;
  if (stage.status !== 'void') return null;
  return signatures.filter((d) => d.voidReason === stage.voidReason).pop() ?? null;
}

function signatureView(decision: ReviewDecision): SignatureDto {
  return {
    decision: decision.decision,
    decidedBy: decision.decidedBy,
    signerName: decision.signerName ?? null,
    decidedAt: decision.decidedAt.toISOString(),
    comment: decision.comment,
    revision: decision.revision,
    contentHash: decision.contentHash,
    qualification: { ...decision.qualification },
    signerQualification: decision.signerQualification ? { ...decision.signerQualification } : null,
    expiresAt: decision.expiresAt?.toISOString() ?? null,
    voidedAt: decision.voidedAt?.toISOString() ?? null,
    voidReason: decision.voidReason,
  };
}
