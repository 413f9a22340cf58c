import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { retainUntil } from './domain/retention';
import type { RunOutcome } from './publish-run';

/** Writes `archive_records` (append-only evidence): one per successful publication. */
@Injectable()
export class ArchiveWriter {
  /** One archive record per successful publication, with the evidence of what went out. */
  async record(tx: EntityManager, outcomes: readonly RunOutcome[]): Promise<void> {
    const rows = outcomes.flatMap(({ run, results }) =>
      results.flatMap((r) =>
        r.result.outcome === 'success'
          ? [
              {
                run,
                call: r.call,
                externalId: r.result.externalId,
                publishedAt: r.finishedAt,
                retainUntil: retainUntil(r.finishedAt, run.evaluation.retention.years),
              },
            ]
          : [],
      ),
    );
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO archive_records (workspace_id, post_id, revision, channel, publication_id, external_id, idempotency_key, target_name, content_hash, title, body,
                                    locale, links, media, jurisdictions, approvals, evaluation, pack_versions, scheduled_at, published_at, retain_until)
       SELECT u.workspace_id, u.post_id, u.revision, u.channel, u.publication_id, u.external_id, u.idempotency_key, u.target_name, u.content_hash, u.title, u.body,
              u.locale, u.links, u.media, u.jurisdictions::text[], u.approvals, u.evaluation, u.pack_versions, u.scheduled_at, u.published_at, u.retain_until
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                     $12::text[], $13::jsonb[], $14::jsonb[], $15::text[], $16::jsonb[], $17::jsonb[], $18::jsonb[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[])
           AS u(workspace_id, post_id, revision, channel, publication_id, external_id, idempotency_key, target_name, content_hash, title, body,
                locale, links, media, jurisdictions, approvals, evaluation, pack_versions, scheduled_at, published_at, retain_until)
       ON CONFLICT (publication_id) DO NOTHING`,
      [
        rows.map((r) => r.run.workspaceId),
        rows.map((r) => r.run.postId),
        rows.map((r) => r.run.revision),
        rows.map((r) => r.call.channel),
        rows.map((r) => r.call.publicationId),
        rows.map((r) => r.externalId),
        rows.map((r) => r.call.idempotencyKey),
        rows.map((r) => r.call.target.name),
        rows.map((r) => r.run.contentHash),
        rows.map((r) => r.run.content.title),
        rows.map((r) => r.run.content.body),
        rows.map((r) => r.run.content.locale),
        rows.map((r) => JSON.stringify(r.run.content.links)),
        rows.map((r) => JSON.stringify(r.run.content.media)),
        // An array column cannot be one element of unnest's input: keep it as a Postgres array literal.
        rows.map((r) => `{${r.run.content.jurisdictions.map((j) => `"${j.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`),
        rows.map((r) => JSON.stringify(r.run.approvals)),
        rows.map((r) => JSON.stringify(r.run.evaluation)),
        rows.map((r) => JSON.stringify(r.run.evaluation.packVersions)),
        rows.map((r) => r.run.content.scheduledAt),
        rows.map((r) => r.publishedAt),
        rows.map((r) => r.retainUntil),
      ],
    );
  }
}
