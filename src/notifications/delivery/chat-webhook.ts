import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import { DestinationGuard } from '../../common/net/destination-guard';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { pinnedLookup } from '../../common/net/pinned-lookup';
import type { RenderedNotification } from './notification-messages';

export type ChatKind = 'slack' | 'teams';

/** Slack incoming webhook: `text` for notifications and clients without blocks, `blocks` for the rest. */
export function slackPayload(message: RenderedNotification): Record<string, unknown> {
  return {
    text: `${message.subject}: ${message.url}`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${escapeSlack(message.subject)}*\n${escapeSlack(message.body)}` },
      },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: message.action }, url: message.url }],
      },
    ],
  };
}

/** Teams incoming webhook (and Workflows): a message with one Adaptive Card. */
export function teamsPayload(message: RenderedNotification): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'TextBlock', text: message.body, wrap: true },
          ],
          actions: [{ type: 'Action.OpenUrl', title: message.action, url: message.url }],
        },
      },
    ],
  };
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * POSTs a chat message to a Teams or Slack incoming webhook. The destination guard checks the
 * address right before the call and the socket connects to the checked address; redirects are
 * not followed. Throws with a short code (never the URL: it is the webhook's secret).
 */
@Injectable()
export class ChatWebhookSender implements OnModuleDestroy {
  private readonly agent = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: DestinationGuard,
  ) {}

  async send(kind: ChatKind, url: string, message: RenderedNotification): Promise<void> {
    const target = new URL(url);
    const destination = await this.guard.destinationForSend(target);
    if (destination.kind === 'unresolved') throw new Error('dns_failed');
    if (destination.kind === 'refused') throw new Error('destination_refused');
    const payload = Buffer.from(
      JSON.stringify(kind === 'slack' ? slackPayload(message) : teamsPayload(message)),
      'utf8',
    );
    const secure = target.protocol === 'https:';
    await new Promise<void>((resolve, reject) => {
      const req = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.agent.https : this.agent.http,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          'User-Agent': 'Preclear-Notifications/1',
        },
        lookup: pinnedLookup(destination.address),
        timeout: this.config.WEBHOOK_TIMEOUT_MS,
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(new Error(error.message === 'timeout' ? 'timeout' : 'connection_failed')),
      );
      req.on('response', (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`HTTP ${status}`));
      });
      req.end(payload);
    });
  }

  onModuleDestroy(): void {
    this.agent.http.destroy();
    this.agent.https.destroy();
  }
}
