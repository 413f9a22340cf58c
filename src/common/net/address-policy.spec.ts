import { isMetadataHost, normalizeHost, refusalOfAddress } from './address-policy';
import { AllowedHosts } from './allowed-hosts';

describe('refusalOfAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.5', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.254', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.10.1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
  ])('refuses %s as %s', (address, reason) => {
    expect(refusalOfAddress(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'lets the public address %s through',
    (address) => {
      expect(refusalOfAddress(address)).toBeNull();
    },
  );

  it('knows the metadata host names, in any case and with a trailing dot', () => {
    expect(isMetadataHost('metadata.google.internal')).toBe(true);
    expect(isMetadataHost(normalizeHost('METADATA.google.internal.'))).toBe(true);
    expect(isMetadataHost('[fd00:ec2::254]')).toBe(true);
    expect(isMetadataHost('hooks.bank.example')).toBe(false);
  });
});

describe(AllowedHosts.name, () => {
  const { allowed, problems } = AllowedHosts.parse(
    ' hooks.bank.internal ,*.corp.bank,127.0.0.1, 10.20.0.0/16, fd00::/8 ,',
  );

  it('parses names, wildcards, addresses and ranges', () => {
    expect(problems).toEqual([]);
    expect(allowed.allowsName('HOOKS.bank.internal.')).toBe(true);
    expect(allowed.allowsName('a.b.corp.bank')).toBe(true);
    expect(allowed.allowsName('corp.bank')).toBe(false);
    expect(allowed.allowsName('evilcorp.bank')).toBe(false);
    expect(allowed.allowsAddress('127.0.0.1')).toBe(true);
    expect(allowed.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(allowed.allowsAddress('127.0.0.2')).toBe(false);
    expect(allowed.allowsAddress('10.20.99.1')).toBe(true);
    expect(allowed.allowsAddress('10.21.0.1')).toBe(false);
    expect(allowed.allowsAddress('fd00::5')).toBe(true);
    expect(allowed.allowsAddress('not an address')).toBe(false);
  });

  it('names each entry it cannot read', () => {
    expect(AllowedHosts.parse('10.0.0.0/33,::ffff:10.0.0.0/104,https://x,a..b,1.2.3').problems).toHaveLength(5);
  });
});
