import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { AdapterResult, ChannelAdapter, PublishRequest } from './channel-adapter';

/**
 * For demos and local runs: writes the publication to the log and succeeds. Its external id
 * derives from the idempotency key, so a repeated call reports the same "post".
 */
@Injectable()
export class LogAdapter implements ChannelAdapter {
  readonly kind = 'log';
  private readonly logger = new Logger('LogChannel');

  async publish(request: PublishRequest): Promise<AdapterResult> {
    const externalId = `log-${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 16)}`;
    this.logger.log(
      {
        postId: request.postId,
        revision: request.revision,
        channel: request.channel,
        idempotencyKey: request.idempotencyKey,
        externalId,
        body: request.body,
      },
      'published to the log channel',
    );
    return { outcome: 'success', externalId };
  }
}
