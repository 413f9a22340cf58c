import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, type Page } from '../common/http/pagination';
import { csvRow } from './domain/csv';
import type { ArchiveRecordDto, ExportFormat } from './dto/archive.dto';
import { ArchiveRecord } from './entities/archive-record.entity';

/** Records read per query while exporting: memory stays flat however large the archive. */
const EXPORT_BATCH = 500;

const CSV_COLUMNS: (keyof ArchiveRecordDto)[] = [
  'id',
  'publishedAt',
  'retainUntil',
  'postId',
  'revision',
  'channel',
  'externalId',
  'idempotencyKey',
  'targetName',
  'contentHash',
  'title',
  'body',
  'locale',
  'links',
  'media',
  'jurisdictions',
  'approvals',
  'verdict',
  'findings',
  'packVersions',
  'retentionYears',
  'scheduledAt',
];

export interface ArchiveRange {
  from?: string;
  to?: string;
}

/** The archive of what went out, for auditors: a paged list and streamed exports. */
@Injectable()
export class ArchiveService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    workspaceId: string,
    range: ArchiveRange,
    limit: number,
    cursor?: string,
  ): Promise<Page<ArchiveRecordDto>> {
    const after = cursor
      ? decodeCursor(cursor, 2, ([at, id]) => !Number.isNaN(Date.parse(at)) && isUUID(id))
      : undefined;
    const rows = await this.page(
      workspaceId,
      range,
      limit,
      after ? { publishedAt: after[0], id: after[1] } : undefined,
    );
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toArchiveRecordDto),
      nextCursor: rows.length === limit && last ? encodeCursor([last.publishedAt.toISOString(), last.id]) : null,
    };
  }

  /** The whole range as JSON lines or CSV, read in keyset batches and written as it is read. */
  export(workspaceId: string, range: ArchiveRange, format: ExportFormat): Readable {
    const pages = async function* (this: ArchiveService): AsyncGenerator<string> {
      if (format === 'csv') yield csvRow(CSV_COLUMNS);
      let after: { publishedAt: string; id: string } | undefined;
      for (;;) {
        const rows = await this.page(workspaceId, range, EXPORT_BATCH, after);
        for (const row of rows) {
          const record = toArchiveRecordDto(row);
          yield format === 'csv'
            ? csvRow(CSV_COLUMNS.map((c) => (c === 'jurisdictions' ? record.jurisdictions.join(';') : record[c])))
            : `${JSON.stringify(record)}\n`;
        }
        if (rows.length < EXPORT_BATCH) return;
        const last = rows[rows.length - 1];
        after = { publishedAt: last.publishedAt.toISOString(), id: last.id };
      }
    };
    return Readable.from(pages.call(this));
  }

  private page(
    workspaceId: string,
    range: ArchiveRange,
    limit: number,
    after?: { publishedAt: string; id: string },
  ): Promise<ArchiveRecord[]> {
    const qb = this.dataSource
      .getRepository(ArchiveRecord)
      .createQueryBuilder('a')
      .where('a.workspaceId = :workspaceId', { workspaceId })
      .orderBy('a.publishedAt', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit);
    if (range.from) qb.andWhere('a.publishedAt >= :from', { from: new Date(range.from) });
    if (range.to) qb.andWhere('a.publishedAt < :to', { to: new Date(range.to) });
    if (after) {
      qb.andWhere('(a.publishedAt, a.id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: after.publishedAt,
        afterId: after.id,
      });
    }
    return qb.getMany();
  }
}

export function toArchiveRecordDto(record: ArchiveRecord): ArchiveRecordDto {
  return {
    id: record.id,
    postId: record.postId,
    revision: record.revision,
    channel: record.channel,
    externalId: record.externalId,
    idempotencyKey: record.idempotencyKey,
    targetName: record.targetName,
    contentHash: record.contentHash,
    title: record.title,
    body: record.body,
    locale: record.locale,
    links: record.links,
    media: record.media as unknown as Record<string, unknown>[],
    jurisdictions: record.jurisdictions,
    approvals: record.approvals,
    verdict: record.evaluation.verdict,
    findings: record.evaluation.jurisdictions.flatMap((j) =>
      j.findings.map((f) => ({
        jurisdiction: j.jurisdiction,
        ruleId: f.ruleId,
        kind: f.kind,
        severity: f.severity,
        messageKey: f.messageKey,
        citation: { ...f.citation },
      })),
    ),
    packVersions: record.packVersions,
    retentionYears: record.evaluation.retention.years,
    scheduledAt: record.scheduledAt?.toISOString() ?? null,
    publishedAt: record.publishedAt.toISOString(),
    retainUntil: record.retainUntil.toISOString(),
  };
}
