import { signingRefusal } from './separation-of-duties';

describe(signingRefusal.name, () => {
  const principalStage = { stage: 'principal', role: 'principal' };
  const base = {
    stage: principalStage,
    signer: { userId: 'p1', roles: ['principal'] },
    contributors: ['m1'],
    liveSignatures: [],
  };

  it('lets a principal who did not write the post sign the principal stage', () => {
    expect(signingRefusal(base)).toBeNull();
  });

  it('refuses a member without the stage role', () => {
    expect(signingRefusal({ ...base, signer: { userId: 'r1', roles: ['reviewer', 'admin'] } })?.code).toBe(
      'STAGE_ROLE_REQUIRED',
    );
  });

  it('refuses anyone who wrote a revision, even with the role', () => {
    expect(signingRefusal({ ...base, signer: { userId: 'm1', roles: ['marketer', 'principal'] } })?.code).toBe(
      'AUTHOR_CANNOT_SIGN',
    );
  });

  it('refuses a second stage by the same person, but not a signature of the same stage', () => {
    const signedCompliance = [{ stage: 'compliance', decidedBy: 'p1' }];
    expect(signingRefusal({ ...base, liveSignatures: signedCompliance })).toMatchObject({
      code: 'ONE_STAGE_PER_PERSON',
      params: { signed: 'compliance' },
    });
    expect(signingRefusal({ ...base, liveSignatures: [{ stage: 'principal', decidedBy: 'p1' }] })).toBeNull();
    expect(
      signingRefusal({ ...base, liveSignatures: [{ stage: 'compliance', decidedBy: 'someone-else' }] }),
    ).toBeNull();
  });
});
