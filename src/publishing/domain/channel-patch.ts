import type { AdapterKind } from '../adapters/channel-adapter';

/** The settings of a channel target that a PATCH may change. */
export interface ChannelSettings {
  name: string;
  adapter: AdapterKind;
  url: string | null;
  hasSecret: boolean;
}

export interface ChannelPatch {
  name?: string;
  adapter?: AdapterKind;
  config?: { url?: string; secret?: string };
}

/** The target after the patch: the secret is kept, replaced by a new plain value, or dropped. */
export interface PatchedChannel {
  name: string;
  adapter: AdapterKind;
  url: string | null;
  secret: { keep: true } | { keep: false; value: string | null };
  /** The fields the patch changes, for the audit trail (a new secret is named, never shown). */
  changed: string[];
  /** Fields a webhook target would lack after the patch. */
  missing: string[];
}

/**
 * Applies a PATCH to a target's settings in one step. Left-out fields stay; switching to the
 * `log` adapter without a config drops the url and secret, since nothing would use them.
 */
export function applyChannelPatch(current: ChannelSettings, patch: ChannelPatch): PatchedChannel {
  const adapter = patch.adapter ?? current.adapter;
  const dropConfig = adapter === 'log' && current.adapter !== 'log' && patch.config === undefined;
  const url = dropConfig ? null : (patch.config?.url ?? current.url);
  const secret: PatchedChannel['secret'] =
    patch.config?.secret !== undefined
      ? { keep: false, value: patch.config.secret }
      : dropConfig
        ? { keep: false, value: null }
        : { keep: true };
  const hasSecret = secret.keep ? current.hasSecret : secret.value !== null;
  const name = patch.name ?? current.name;

  const changed: string[] = [];
  if (name !== current.name) changed.push('name');
  if (adapter !== current.adapter) changed.push('adapter');
  if (url !== current.url) changed.push('config.url');
  if (!secret.keep && (secret.value !== null || current.hasSecret)) changed.push('config.secret');

  const missing: string[] = [];
  if (adapter === 'webhook' && !url) missing.push('config.url');
  if (adapter === 'webhook' && !hasSecret) missing.push('config.secret');
  return { name, adapter, url, secret, changed, missing };
}
