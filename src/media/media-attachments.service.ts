import { Injectable } from '@nestjs/common';
import { mediaLimitProblems, type Channel, type MediaFacts } from '@preclear/rules-engine';
import type { MediaItem } from '../calendar/domain/post-vocabulary';
import type { FieldProblem } from '../common/errors/validation-details';
import type { PublishMedia } from '../publishing/adapters/channel-adapter';
import type { Media } from './entities/media.entity';
import { MediaUrls } from './media-urls.service';
import { MediaService } from './media.service';

/** A post's media item as a client sends it: an upload (`mediaId`) or, as before uploads existed, a description. */
export interface MediaItemInput {
  mediaId?: string;
  kind?: MediaItem['kind'];
  altText?: string;
  url?: string;
}

function factsOf(row: Media): MediaFacts {
  return { kind: row.kind, mimeType: row.mimeType, sizeBytes: row.sizeBytes, width: row.width, height: row.height };
}

/**
 * Joins posts and uploads: checks that a post's media exist in its workspace and fit every
 * channel it names, and hands the publisher the approved media with their bytes and signed URLs.
 */
@Injectable()
export class MediaAttachments {
  constructor(
    private readonly media: MediaService,
    private readonly urls: MediaUrls,
  ) {}

  /**
   * The items as stored in the post's content (and so in its hash): an upload is
   * `{ kind, mediaId, altText }` with the kind read from the upload (the id is the SHA-256 of
   * the bytes, so another image is another hash); a description is kept as given. Problems
   * name the field (`media[1].mediaId`, `media[0]`) and, for a network's limit, the channel.
   */
  async resolve(
    workspaceId: string,
    items: readonly MediaItemInput[],
    channels: readonly Channel[],
  ): Promise<{ media: MediaItem[]; problems: FieldProblem[] }> {
    const rows = await this.media.findMany(
      workspaceId,
      items.flatMap((item) => (item.mediaId ? [item.mediaId] : [])),
    );
    const problems: FieldProblem[] = [];
    const uploads: { index: number; row: Media }[] = [];
    const media = items.map((item, index): MediaItem => {
      if (!item.mediaId) return { ...(item as MediaItem) };
      const row = rows.get(item.mediaId);
      if (!row) problems.push({ field: `media[${index}].mediaId`, code: 'mediaNotFound' });
      else uploads.push({ index, row });
      return { kind: row?.kind ?? 'image', mediaId: item.mediaId, altText: item.altText };
    });
    if (problems.length > 0) return { media, problems };
    for (const problem of mediaLimitProblems(
      uploads.map((u) => factsOf(u.row)),
      channels,
    )) {
      const field = problem.index === null ? 'media' : `media[${uploads[problem.index].index}]`;
      problems.push({ field, code: problem.code, params: { ...problem.params, channel: problem.channel } });
    }
    return { media, problems };
  }

  /**
   * The uploads among the approved media, ready for an adapter;
   * descriptions without an upload carry no bytes and are left out.
   */
  async attachmentsFor(workspaceId: string, items: readonly MediaItem[]): Promise<PublishMedia[]> {
    const ids = items.flatMap((item) => (item.mediaId ? [item.mediaId] : []));
    if (ids.length === 0) return [];
    const rows = await this.media.findMany(workspaceId, ids);
    return items.flatMap((item) => {
      const row = item.mediaId ? rows.get(item.mediaId) : undefined;
      if (!row) return [];
      const attachment: PublishMedia = {
        sha256: row.sha256,
        kind: row.kind,
        mimeType: row.mimeType,
        sizeBytes: row.sizeBytes,
        width: row.width,
        height: row.height,
        altText: item.altText ?? '',
        read: () => this.media.readVerified(row.sha256),
        publicUrl: (ttlSeconds?: number) => this.urls.url(workspaceId, row.sha256, ttlSeconds),
      };
      return [attachment];
    });
  }
}
