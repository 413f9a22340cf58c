import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { Brand } from '../brands/entities/brand.entity';
import { Campaign } from '../calendar/entities/campaign.entity';
import { Feed } from '../feeds/entities/feed.entity';
import { PostRevision } from '../calendar/entities/post-revision.entity';
import { Post } from '../calendar/entities/post.entity';
import { ApiKey } from '../identity/entities/api-key.entity';
import { Membership } from '../identity/entities/membership.entity';
import { User } from '../identity/entities/user.entity';
import { Workspace } from '../identity/entities/workspace.entity';

/** Every entity of the application; the data source and the CLI read this one list. */
export const ENTITIES = [User, Workspace, Membership, ApiKey, Brand, Campaign, Post, PostRevision, AuditEntry, Feed];
