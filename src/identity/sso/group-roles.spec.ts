import { emailDomain, groupsOfClaim, rolesAfterSignIn } from './group-roles';

describe('rolesAfterSignIn', () => {
  const mapping = [
    { group: 'compliance', roles: ['reviewer' as const] },
    { group: 'marketing', roles: ['marketer' as const] },
    { group: 'it-admins', roles: ['admin' as const, 'publisher' as const] },
  ];

  it('grants the roles of the groups a member is in', () => {
    expect(rolesAfterSignIn([], ['marketing', 'unrelated'], mapping)).toEqual({
      roles: ['marketer'],
      added: ['marketer'],
      removed: [],
    });
  });

  it('takes away a mapped role whose group disappeared, and keeps roles the mapping never names', () => {
    // auditor was granted by an admin, not by a group: SSO leaves it alone.
    expect(rolesAfterSignIn(['reviewer', 'auditor'], ['marketing'], mapping)).toEqual({
      roles: ['marketer', 'auditor'],
      added: ['marketer'],
      removed: ['reviewer'],
    });
  });

  it('changes nothing when the groups still give the roles held', () => {
    expect(rolesAfterSignIn(['admin', 'publisher'], ['it-admins'], mapping)).toEqual({
      roles: ['admin', 'publisher'],
      added: [],
      removed: [],
    });
  });
});

describe('groupsOfClaim and emailDomain', () => {
  it('reads lists and single strings, ignores anything else', () => {
    expect(groupsOfClaim(['a', 3, 'b'])).toEqual(['a', 'b']);
    expect(groupsOfClaim('a')).toEqual(['a']);
    expect(groupsOfClaim({ a: 1 })).toEqual([]);
  });

  it('lower-cases the domain and refuses addresses without one', () => {
    expect(emailDomain('Ann@Bank.EXAMPLE')).toBe('bank.example');
    expect(emailDomain('ann@')).toBeNull();
    expect(emailDomain('nobody')).toBeNull();
  });
});
