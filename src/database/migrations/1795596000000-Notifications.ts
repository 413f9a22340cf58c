import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset tokens (hashed, single use) and the notification outbox: in-app rows per
 * member, deliveries (e-mail, Teams/Slack) claimed once by whichever worker gets them,
 * preferences per member and event, and each workspace's Teams/Slack incoming webhooks.
 */
export class Notifications1795596000000 implements MigrationInterface {
  name = 'Notifications1795596000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "password_reset_tokens" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "user_id" uuid NOT NULL,
      "token_hash" varchar(64) NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "password_reset_tokens_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "password_reset_tokens_hash_key" ON "password_reset_tokens" ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "password_reset_tokens_user_idx" ON "password_reset_tokens" ("user_id")`);

    await queryRunner.query(`CREATE TABLE "notifications" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "post_id" uuid,
      "event" varchar(40) NOT NULL,
      "params" jsonb NOT NULL DEFAULT '{}',
      "dedupe_key" varchar(240) NOT NULL,
      "read_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "notifications_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
      CONSTRAINT "notifications_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" ("workspace_id", "dedupe_key", "user_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_inbox_idx" ON "notifications" ("workspace_id", "user_id", "created_at")`,
    );

    await queryRunner.query(`CREATE TABLE "notification_deliveries" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "workspace_id" uuid NOT NULL,
      "notification_id" uuid,
      "user_id" uuid,
      "channel" varchar(16) NOT NULL,
      "mode" varchar(16) NOT NULL DEFAULT 'immediate',
      "event" varchar(40) NOT NULL,
      "post_id" uuid,
      "params" jsonb NOT NULL DEFAULT '{}',
      "dedupe_key" varchar(240) NOT NULL,
      "status" varchar(16) NOT NULL DEFAULT 'pending',
      "attempts" int NOT NULL DEFAULT 0,
      "due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_error" varchar(300),
      "sent_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id"),
      CONSTRAINT "notification_deliveries_channel_check" CHECK ("channel" IN ('email', 'slack', 'teams')),
      CONSTRAINT "notification_deliveries_mode_check" CHECK ("mode" IN ('immediate', 'digest')),
      CONSTRAINT "notification_deliveries_status_check" CHECK ("status" IN ('pending', 'sent', 'failed')),
      CONSTRAINT "notification_deliveries_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
      CONSTRAINT "notification_deliveries_notification_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_deliveries_dedupe_key" ON "notification_deliveries" ("channel", "dedupe_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_due_idx" ON "notification_deliveries" ("due_at") WHERE "status" = 'pending'`,
    );

    await queryRunner.query(`CREATE TABLE "notification_preferences" (
      "workspace_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "event" varchar(40) NOT NULL,
      "mode" varchar(16) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("workspace_id", "user_id", "event"),
      CONSTRAINT "notification_preferences_mode_check" CHECK ("mode" IN ('immediate', 'digest', 'off')),
      CONSTRAINT "notification_preferences_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE,
      CONSTRAINT "notification_preferences_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`);

    await queryRunner.query(`CREATE TABLE "notification_hooks" (
      "workspace_id" uuid NOT NULL,
      "kind" varchar(16) NOT NULL,
      "url_sealed" text NOT NULL,
      "host" varchar(255) NOT NULL,
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "notification_hooks_pkey" PRIMARY KEY ("workspace_id", "kind"),
      CONSTRAINT "notification_hooks_kind_check" CHECK ("kind" IN ('slack', 'teams')),
      CONSTRAINT "notification_hooks_workspace_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'notification_hooks',
      'notification_preferences',
      'notification_deliveries',
      'notifications',
      'password_reset_tokens',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }
}
