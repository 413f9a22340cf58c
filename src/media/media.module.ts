import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Media } from './entities/media.entity';
import { MediaAttachments } from './media-attachments.service';
import { MediaUploadInterceptor } from './media-upload.interceptor';
import { MediaUrlController } from './media-url.controller';
import { MediaUrls } from './media-urls.service';
import { MediaController } from './media.controller';
import { MediaService } from './media.service';
import { LocalMediaStore } from './store/local-media-store';
import { MEDIA_STORE, type MediaStore } from './store/media-store';

/**
 * The configured store: an S3 bucket when MEDIA_S3_BUCKET is set, else the directory MEDIA_DIR.
 * The AWS SDK is loaded only then: a deployment on a local directory never pays its start-up time.
 */
export async function mediaStoreOf(config: AppConfig): Promise<MediaStore> {
  if (!config.MEDIA_S3_BUCKET) return new LocalMediaStore(config.MEDIA_DIR);
  const { createS3Client, S3MediaStore } = await import('./store/s3-media-store');
  const client = createS3Client({
    bucket: config.MEDIA_S3_BUCKET,
    region: config.MEDIA_S3_REGION,
    endpoint: config.MEDIA_S3_ENDPOINT,
    accessKeyId: config.MEDIA_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: config.MEDIA_S3_SECRET_ACCESS_KEY ?? '',
  });
  return new S3MediaStore(client, config.MEDIA_S3_BUCKET);
}

@Module({
  imports: [TypeOrmModule.forFeature([Media]), AuditModule],
  controllers: [MediaController, MediaUrlController],
  providers: [
    MediaService,
    MediaUrls,
    MediaAttachments,
    MediaUploadInterceptor,
    { provide: MEDIA_STORE, useFactory: mediaStoreOf, inject: [APP_CONFIG] },
  ],
  exports: [MediaService, MediaUrls, MediaAttachments],
})
export class MediaModule {}
