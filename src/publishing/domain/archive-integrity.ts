import { canonicalJson } from '../../common/domain/canonical-json';
import { contentHash, type PostContent } from '../../calendar/domain/post-content';

/** The fields of an archive record that copy the approved revision, as read back from the database. */
export interface ArchivedContent {
  contentHash: string;
  title: string;
  body: string;
  locale: string;
  links: unknown;
  media: unknown;
  jurisdictions: string[];
  scheduledAt: Date | null;
  approvals: { contentHash: string }[];
}

export type ArchiveProblem =
  | 'revision_missing'
  | 'revision_altered'
  | 'hash_mismatch'
  | 'content_altered'
  | 'approvals_altered';

/**
 * Re-derives an archive record from the revision it claims to publish: the revision's content
 * must still hash to its stored hash, that hash must be the record's, the published text and
 * media must be the revision's byte for byte, and every approval must be for that hash. Any
 * rewrite of the stored body (or of the revision behind it) shows up here.
 */
export function archiveRecordProblem(
  record: ArchivedContent,
  revision: { content: PostContent; contentHash: string } | undefined,
): ArchiveProblem | null {
  if (!revision) return 'revision_missing';
  if (contentHash(revision.content) !== revision.contentHash) return 'revision_altered';
  if (record.contentHash !== revision.contentHash) return 'hash_mismatch';
  const c = revision.content;
  const published = canonicalJson([
    record.title,
    record.body,
    record.locale,
    record.links,
    record.media,
    record.jurisdictions,
    record.scheduledAt?.toISOString() ?? null,
  ]);
  if (published !== canonicalJson([c.title, c.body, c.locale, c.links, c.media, c.jurisdictions, c.scheduledAt])) {
    return 'content_altered';
  }
  if (record.approvals.some((a) => a.contentHash !== record.contentHash)) return 'approvals_altered';
  return null;
}
