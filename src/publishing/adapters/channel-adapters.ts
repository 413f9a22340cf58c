import { Injectable } from '@nestjs/common';
import type { AdapterKind, ChannelAdapter } from './channel-adapter';
import { LogAdapter } from './log.adapter';
import { WebhookAdapter } from './webhook.adapter';

/** The adapters by kind; a platform adapter is one more class and one more entry here. */
@Injectable()
export class ChannelAdapters {
  private readonly byKind: Record<AdapterKind, ChannelAdapter>;

  constructor(webhook: WebhookAdapter, log: LogAdapter) {
    this.byKind = { webhook, log };
  }

  get(kind: AdapterKind): ChannelAdapter {
    return this.byKind[kind];
  }
}
