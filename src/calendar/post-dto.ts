import { contentOfPost } from './domain/post-content';
import { toLocalIso } from './domain/schedule-time';
import type { PostDto } from './dto/post.dto';
import type { Post } from './entities/post.entity';

/** A post as the API shows it: its status, revision and hash, its content, and its time in its own zone. */
export function toPostDto(post: Post): PostDto {
  return {
    id: post.id,
    status: post.status,
    statusReason: post.statusReason,
    complianceAlert: post.complianceAlert,
    revision: post.revision,
    contentHash: post.contentHash,
    createdBy: post.createdBy,
    authorName: post.authorName ?? null,
    ...contentOfPost(post),
    platformAd: post.platformAd,
    scheduledLocal: post.scheduledAt ? toLocalIso(post.scheduledAt, post.timezone) : null,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}
