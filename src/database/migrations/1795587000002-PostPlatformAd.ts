import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PostPlatformAd1795587000002 implements MigrationInterface {
  name = 'PostPlatformAd1795587000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Existing posts were never platform-placed ads as far as anyone told us: false keeps their hashes and verdicts.
    await queryRunner.query(`ALTER TABLE "posts" ADD "platform_ad" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "posts" DROP COLUMN "platform_ad"`);
  }
}
