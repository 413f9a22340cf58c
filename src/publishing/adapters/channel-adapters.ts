import { Injectable } from '@nestjs/common';
import { isNetworkAdapter, type AdapterKind, type ChannelAdapter, type NetworkAdapter } from './channel-adapter';
import { FacebookAdapter } from './facebook.adapter';
import { InstagramAdapter } from './instagram.adapter';
import { LinkedInAdapter } from './linkedin.adapter';
import { LogAdapter } from './log.adapter';
import { WebhookAdapter } from './webhook.adapter';
import { XAdapter } from './x.adapter';

/** The adapters by kind; a platform adapter is one more class and one more entry here. */
@Injectable()
export class ChannelAdapters {
  private readonly byKind: Record<AdapterKind, ChannelAdapter>;

  constructor(
    webhook: WebhookAdapter,
    log: LogAdapter,
    linkedin: LinkedInAdapter,
    facebook: FacebookAdapter,
    instagram: InstagramAdapter,
    x: XAdapter,
  ) {
    this.byKind = { webhook, log, linkedin, facebook, instagram, x };
  }

  get(kind: AdapterKind): ChannelAdapter {
    return this.byKind[kind];
  }

  /** The network adapter of a kind, or null for webhook and log. */
  network(kind: AdapterKind): NetworkAdapter | null {
    return isNetworkAdapter(kind) ? (this.byKind[kind] as NetworkAdapter) : null;
  }
}
