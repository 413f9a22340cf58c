import { AuditCheckpoint } from '../audit/entities/audit-checkpoint.entity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { Brand } from '../brands/entities/brand.entity';
import { ComplianceOverride } from '../compliance/entities/compliance-override.entity';
import { ComplianceWatermark } from '../compliance/entities/compliance-watermark.entity';
import { PostVerdict } from '../compliance/entities/post-verdict.entity';
import { Campaign } from '../calendar/entities/campaign.entity';
import { Feed } from '../feeds/entities/feed.entity';
import { PostRevision } from '../calendar/entities/post-revision.entity';
import { Post } from '../calendar/entities/post.entity';
import { ApiKey } from '../identity/entities/api-key.entity';
import { Invitation } from '../identity/entities/invitation.entity';
import { Membership } from '../identity/entities/membership.entity';
import { RoleGrant } from '../identity/entities/role-grant.entity';
import { User } from '../identity/entities/user.entity';
import { Workspace } from '../identity/entities/workspace.entity';
import { Media } from '../media/entities/media.entity';
import { ArchiveRecord } from '../publishing/entities/archive-record.entity';
import { ChannelTarget } from '../publishing/entities/channel-target.entity';
import { PublicationAttempt } from '../publishing/entities/publication-attempt.entity';
import { Publication } from '../publishing/entities/publication.entity';
import { Blackout } from '../scheduling/entities/blackout.entity';
import { Pause } from '../scheduling/entities/pause.entity';
import { PublishSchedule } from '../scheduling/entities/publish-schedule.entity';
import { Filing } from '../workflow/entities/filing.entity';
import { ReviewDecision } from '../workflow/entities/review-decision.entity';
import { ReviewStage } from '../workflow/entities/review-stage.entity';
import { ReviewCalendar } from '../workflow/review-calendar/review-calendar.entity';
import { Submission } from '../workflow/entities/submission.entity';

/** Every entity of the application; the data source and the CLI read this one list. */
export const ENTITIES = [
  User,
  Workspace,
  Membership,
  ApiKey,
  Brand,
  Campaign,
  Post,
  PostRevision,
  AuditEntry,
  Feed,
  Submission,
  ReviewStage,
  ReviewDecision,
  Filing,
  Pause,
  Blackout,
  PublishSchedule,
  ChannelTarget,
  Publication,
  PublicationAttempt,
  ArchiveRecord,
  ComplianceOverride,
  PostVerdict,
  ComplianceWatermark,
  Invitation,
  RoleGrant,
  ReviewCalendar,
  AuditCheckpoint,
  Media,
];
