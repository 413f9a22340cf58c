import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostContent } from '../calendar/domain/post-content';
import {
  archiveRecordProblem,
  type ArchivedContent,
  type ArchiveProblem,
} from '../publishing/domain/archive-integrity';
import { entryHash, GENESIS_HASH } from './audit-chain';
import { AUDIT_SIGNING_KEY, CheckpointsService, toSigned } from './checkpoints.service';
import { checkpointSignatureHolds } from './domain/checkpoint';
import type { SigningKey } from './domain/signing-key';
import type { AuditCheckpoint } from './entities/audit-checkpoint.entity';
import { AuditEntry } from './entities/audit-entry.entity';

const VERIFY_BATCH = 5000;
const ARCHIVE_BATCH = 500;
/** Broken archive records named in one answer; the count is always complete. */
const ARCHIVE_LIST_LIMIT = 100;

export type VerifyProblemCode =
  | 'chain_broken'
  | 'checkpoint_mismatch'
  | 'chain_truncated'
  | 'checkpoint_signature_invalid'
  | 'archive_record_altered';

export interface VerifyProblem {
  code: VerifyProblemCode;
  message: string;
  seq?: number;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  problems: VerifyProblem[];
  /** The latest checkpoint with a valid signature, and whether the chain still reaches it. */
  checkpoint: { seq: number; hash: string; signedAt: string; keyId: string; matches: boolean } | null;
  archive: {
    records: number;
    altered: number;
    alteredRecords: { id: string; postId: string; revision: number; problem: ArchiveProblem }[];
  };
}

interface ChainWalk {
  entries: number;
  lastSeq: number;
  firstBrokenSeq: number | null;
  hashAt: Map<number, string>;
}

/**
 * Everything an examiner needs to trust the evidence of a workspace: the hash chain walks from
 * genesis, it still passes through every signed checkpoint (a re-hashed chain does not) and
 * reaches the last one (a cut tail does not), and every archive record re-derives from the
 * revision it published.
 */
@Injectable()
export class AuditVerifyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AUDIT_SIGNING_KEY) private readonly key: SigningKey,
    private readonly checkpoints: CheckpointsService,
  ) {}

  async verify(workspaceId: string): Promise<VerifyReport> {
    const checkpoints = await this.checkpoints.list(workspaceId);
    const signed = checkpoints.filter((c) => checkpointSignatureHolds(this.key, toSigned(c)));
    const walk = await this.walkChain(workspaceId, new Set(signed.map((c) => c.seq)));
    const findings = chainFindings(walk, checkpoints, signed);
    const archive = await this.verifyArchive(workspaceId);
    if (archive.altered > 0) {
      findings.problems.push({
        code: 'archive_record_altered',
        message: `${archive.altered} archive record(s) no longer match what was published`,
      });
    }
    const last = signed[signed.length - 1] as AuditCheckpoint | undefined;
    return {
      ok: findings.problems.length === 0,
      entries: walk.entries,
      firstBrokenSeq: findings.broken.length > 0 ? Math.min(...findings.broken) : null,
      problems: findings.problems,
      checkpoint: last
        ? {
            seq: last.seq,
            hash: last.hash,
            signedAt: last.signedAt.toISOString(),
            keyId: last.keyId,
            matches: walk.hashAt.get(last.seq) === last.hash,
          }
        : null,
      archive,
    };
  }

  /** Re-computes the chain in batches, keeping the hashes found at the checkpointed seqs. */
  private async walkChain(chain: string, checkpointSeqs: Set<number>): Promise<ChainWalk> {
    const repo = this.dataSource.getRepository(AuditEntry);
    const entries = await repo.count({ where: { chain } });
    const walk: ChainWalk = { entries, lastSeq: 0, firstBrokenSeq: null, hashAt: new Map([[0, GENESIS_HASH]]) };
    let prevHash = GENESIS_HASH;
    for (;;) {
      const batch = await repo
        .createQueryBuilder('e')
        .where('e.chain = :chain AND e.seq > :after', { chain, after: walk.lastSeq })
        .orderBy('e.seq', 'ASC')
        .limit(VERIFY_BATCH)
        .getMany();
      for (const entry of batch) {
        const holds = entry.seq === walk.lastSeq + 1 && entry.prevHash === prevHash && entryHash(entry) === entry.hash;
        if (!holds && walk.firstBrokenSeq === null) walk.firstBrokenSeq = entry.seq;
        if (checkpointSeqs.has(entry.seq)) walk.hashAt.set(entry.seq, entry.hash);
        prevHash = entry.hash;
        walk.lastSeq = entry.seq;
      }
      if (batch.length < VERIFY_BATCH) break;
    }
    // Rows deleted behind our back leave a count the walk did not reach.
    if (walk.firstBrokenSeq === null && walk.lastSeq !== entries) walk.firstBrokenSeq = walk.lastSeq + 1;
    return walk;
  }

  private async verifyArchive(workspaceId: string): Promise<VerifyReport['archive']> {
    const out: VerifyReport['archive'] = { records: 0, altered: 0, alteredRecords: [] };
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: (ArchivedRow & { rev_content: PostContent | null; rev_hash: string | null })[] =
        await this.dataSource.query(
          `SELECT a.id, a.post_id, a.revision, a.content_hash, a.title, a.body, a.locale, a.links, a.media, a.jurisdictions, a.scheduled_at, a.approvals,
                r.content AS rev_content, r.content_hash AS rev_hash
           FROM archive_records a LEFT JOIN post_revisions r ON r.post_id = a.post_id AND r.number = a.revision
          WHERE a.workspace_id = $1 AND a.id > $2 ORDER BY a.id LIMIT ${ARCHIVE_BATCH}`,
          [workspaceId, afterId],
        );
      for (const row of rows) {
        out.records++;
        const revision =
          row.rev_content && row.rev_hash ? { content: row.rev_content, contentHash: row.rev_hash } : undefined;
        const problem = archiveRecordProblem(toArchivedContent(row), revision);
        if (!problem) continue;
        out.altered++;
        if (out.alteredRecords.length < ARCHIVE_LIST_LIMIT) {
          out.alteredRecords.push({ id: row.id, postId: row.post_id, revision: row.revision, problem });
        }
      }
      if (rows.length < ARCHIVE_BATCH) return out;
      afterId = rows[rows.length - 1].id;
    }
  }
}

/** What the walk and the checkpoints say about the chain: the problems, and the seqs where it broke. */
function chainFindings(
  walk: ChainWalk,
  checkpoints: readonly AuditCheckpoint[],
  signed: readonly AuditCheckpoint[],
): { problems: VerifyProblem[]; broken: number[] } {
  const problems: VerifyProblem[] = [];
  const broken: number[] = [];
  if (walk.firstBrokenSeq !== null) {
    problems.push({
      code: 'chain_broken',
      seq: walk.firstBrokenSeq,
      message: `entry ${walk.firstBrokenSeq} does not hash to its stored link`,
    });
    broken.push(walk.firstBrokenSeq);
  }
  for (const c of checkpoints.filter((cp) => !signed.includes(cp))) {
    problems.push({
      code: 'checkpoint_signature_invalid',
      seq: c.seq,
      message: `the checkpoint at entry ${c.seq} is not signed by the configured key`,
    });
  }
  for (const c of signed) {
    const found = walk.hashAt.get(c.seq);
    if (found === undefined || found === c.hash) continue;
    problems.push({
      code: 'checkpoint_mismatch',
      seq: c.seq,
      message: `entry ${c.seq} no longer has the hash signed at ${c.signedAt.toISOString()}: the chain was rewritten`,
    });
    broken.push(c.seq);
  }
  const last = signed[signed.length - 1] as AuditCheckpoint | undefined;
  if (last && last.seq > walk.lastSeq) {
    problems.push({
      code: 'chain_truncated',
      seq: walk.lastSeq + 1,
      message: `the chain ends at entry ${walk.lastSeq}, but entry ${last.seq} was signed at ${last.signedAt.toISOString()}`,
    });
    broken.push(walk.lastSeq + 1);
  }
  return { problems, broken };
}

interface ArchivedRow {
  id: string;
  post_id: string;
  revision: number;
  content_hash: string;
  title: string;
  body: string;
  locale: string;
  links: unknown;
  media: unknown;
  jurisdictions: string[];
  scheduled_at: Date | null;
  approvals: { contentHash: string }[];
}

function toArchivedContent(row: ArchivedRow): ArchivedContent {
  return {
    contentHash: row.content_hash,
    title: row.title,
    body: row.body,
    locale: row.locale,
    links: row.links,
    media: row.media,
    jurisdictions: row.jurisdictions,
    scheduledAt: row.scheduled_at,
    approvals: row.approvals,
  };
}
