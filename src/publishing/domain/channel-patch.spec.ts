import { applyChannelPatch, type ChannelSettings } from './channel-patch';

describe(applyChannelPatch.name, () => {
  const webhook: ChannelSettings = {
    name: 'Desk',
    adapter: 'webhook',
    url: 'https://a.bank.example/hook',
    hasSecret: true,
  };

  it('changes only what the patch names and keeps the secret when none is given', () => {
    expect(applyChannelPatch(webhook, { config: { url: 'https://b.bank.example/hook' } })).toEqual({
      name: 'Desk',
      adapter: 'webhook',
      url: 'https://b.bank.example/hook',
      secret: { keep: true },
      changed: ['config.url'],
      missing: [],
    });
    expect(applyChannelPatch(webhook, { name: 'Desk' }).changed).toEqual([]);
  });

  it('replaces the secret and names it as changed without its value', () => {
    const patched = applyChannelPatch(webhook, { name: 'New desk', config: { secret: 'a-new-secret-0123456789' } });
    expect(patched.secret).toEqual({ keep: false, value: 'a-new-secret-0123456789' });
    expect(patched.changed).toEqual(['name', 'config.secret']);
  });

  it('drops url and secret when switching to log without a config', () => {
    expect(applyChannelPatch(webhook, { adapter: 'log' })).toMatchObject({
      adapter: 'log',
      url: null,
      secret: { keep: false, value: null },
      missing: [],
    });
    expect(applyChannelPatch(webhook, { adapter: 'log' }).changed).toEqual(['adapter', 'config.url', 'config.secret']);
  });

  it('names what a webhook target would lack', () => {
    const log: ChannelSettings = { name: 'Log', adapter: 'log', url: null, hasSecret: false };
    expect(applyChannelPatch(log, { adapter: 'webhook' }).missing).toEqual(['config.url', 'config.secret']);
    expect(applyChannelPatch(log, { adapter: 'webhook', config: { url: 'https://a.bank.example/' } }).missing).toEqual([
      'config.secret',
    ]);
    expect(
      applyChannelPatch(log, { adapter: 'webhook', config: { url: 'https://a.bank.example/', secret: 's'.repeat(16) } })
        .missing,
    ).toEqual([]);
  });
});
