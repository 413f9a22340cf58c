import { allApproved, deriveStages, stagesWaitingBefore } from './stage-derivation';

describe(deriveStages.name, () => {
  const order = ['legal', 'compliance', 'principal'];

  it('merges the stages of several jurisdictions into one, in the packs order', () => {
    const stages = deriveStages(
      [
        {
          jurisdiction: 'US',
          requiredStages: [
            { stage: 'principal', role: 'principal', ruleIds: ['US-2210-B1'] },
            { stage: 'compliance', role: 'reviewer', ruleIds: ['US-C'] },
          ],
        },
        { jurisdiction: 'DE', requiredStages: [{ stage: 'compliance', role: 'reviewer', ruleIds: ['DE-C', 'US-C'] }] },
      ],
      order,
    );
    expect(stages).toEqual([
      { stage: 'compliance', role: 'reviewer', position: 0, ruleIds: ['US-C', 'DE-C'], jurisdictions: ['US', 'DE'] },
      { stage: 'principal', role: 'principal', position: 1, ruleIds: ['US-2210-B1'], jurisdictions: ['US'] },
    ]);
  });

  it('puts stages the order does not know last, alphabetically', () => {
    const stages = deriveStages(
      [
        {
          jurisdiction: 'X',
          requiredStages: [
            { stage: 'zeta', role: 'reviewer', ruleIds: [] },
            { stage: 'alpha', role: 'reviewer', ruleIds: [] },
            { stage: 'legal', role: 'reviewer', ruleIds: [] },
          ],
        },
      ],
      order,
    );
    expect(stages.map((s) => [s.stage, s.position])).toEqual([
      ['legal', 0],
      ['alpha', 1],
      ['zeta', 2],
    ]);
  });

  it('needs no stage when no jurisdiction requires one', () => {
    expect(deriveStages([{ jurisdiction: 'DE', requiredStages: [] }], order)).toEqual([]);
  });
});

describe(stagesWaitingBefore.name, () => {
  const stages = [
    { stage: 'legal', position: 0, status: 'approved' },
    { stage: 'compliance', position: 1, status: 'open' },
    { stage: 'principal', position: 2, status: 'open' },
  ];

  it('names the earlier stages that are not approved', () => {
    expect(stagesWaitingBefore(stages, { position: 2 })).toEqual(['compliance']);
    expect(stagesWaitingBefore(stages, { position: 1 })).toEqual([]);
    expect(stagesWaitingBefore(stages, { position: 0 })).toEqual([]);
  });

  it('treats a round as complete only when every stage is approved', () => {
    expect(allApproved(stages)).toBe(false);
    expect(allApproved(stages.map((s) => ({ ...s, status: 'approved' })))).toBe(true);
    expect(allApproved([])).toBe(true);
  });
});
