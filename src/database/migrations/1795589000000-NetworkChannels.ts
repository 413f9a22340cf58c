import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channel targets that publish through a social network's own API, with the connected account and its token's health.
 */
export class NetworkChannels1795589000000 implements MigrationInterface {
  name = 'NetworkChannels1795589000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_targets" DROP CONSTRAINT "channel_targets_adapter_check"`);
    await queryRunner.query(
      `ALTER TABLE "channel_targets" ADD CONSTRAINT "channel_targets_adapter_check" CHECK ("adapter" IN ('webhook', 'log', 'linkedin', 'facebook', 'instagram', 'x'))`,
    );
    await queryRunner.query(`ALTER TABLE "channel_targets" ADD "account_id" varchar(200)`);
    await queryRunner.query(`ALTER TABLE "channel_targets" ADD "token_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "channel_targets" ADD "refresh_token_sealed" text`);
    await queryRunner.query(
      `ALTER TABLE "channel_targets" ADD "connection_status" varchar(24) NOT NULL DEFAULT 'connected'`,
    );
    await queryRunner.query(`ALTER TABLE "channel_targets" ADD "connection_reason" varchar(500)`);
    await queryRunner.query(
      `ALTER TABLE "channel_targets" ADD CONSTRAINT "channel_targets_connection_status_check" CHECK ("connection_status" IN ('connected', 'needs_reconnect'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_targets" DROP CONSTRAINT "channel_targets_connection_status_check"`);
    for (const column of [
      'connection_reason',
      'connection_status',
      'refresh_token_sealed',
      'token_expires_at',
      'account_id',
    ]) {
      await queryRunner.query(`ALTER TABLE "channel_targets" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`ALTER TABLE "channel_targets" DROP CONSTRAINT "channel_targets_adapter_check"`);
    await queryRunner.query(
      `ALTER TABLE "channel_targets" ADD CONSTRAINT "channel_targets_adapter_check" CHECK ("adapter" IN ('webhook', 'log'))`,
    );
  }
}
