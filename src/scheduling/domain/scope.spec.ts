import { covers, firstBlackoutFor, firstPauseFor, inScope } from './scope';

const post = { brandId: 'b1', jurisdictions: ['DE', 'NL'], channels: ['instagram', 'facebook'] };
const none = { brandId: null, jurisdiction: null, channel: null };

describe('restriction scope', () => {
  it('matches everything when no facet is named (a workspace-wide pause)', () => {
    expect(inScope(none, post)).toBe(true);
  });

  it('needs every named facet to match', () => {
    expect(inScope({ ...none, brandId: 'b1' }, post)).toBe(true);
    expect(inScope({ ...none, brandId: 'b2' }, post)).toBe(false);
    expect(inScope({ ...none, jurisdiction: 'NL' }, post)).toBe(true);
    expect(inScope({ ...none, jurisdiction: 'FR' }, post)).toBe(false);
    expect(inScope({ ...none, channel: 'facebook' }, post)).toBe(true);
    expect(inScope({ ...none, channel: 'x' }, post)).toBe(false);
    expect(inScope({ brandId: 'b1', jurisdiction: 'DE', channel: 'x' }, post)).toBe(false);
  });

  it('reads windows as half-open [startsAt, endsAt)', () => {
    const window = { startsAt: new Date('2026-12-01T10:00:00Z'), endsAt: new Date('2026-12-01T12:00:00Z') };
    expect(covers(window, new Date('2026-12-01T09:59:59.999Z'))).toBe(false);
    expect(covers(window, new Date('2026-12-01T10:00:00Z'))).toBe(true);
    expect(covers(window, new Date('2026-12-01T11:59:59.999Z'))).toBe(true);
    expect(covers(window, new Date('2026-12-01T12:00:00Z'))).toBe(false);
  });

  it('finds the first pause and the first blackout covering the instant', () => {
    const pauses = [
      { id: 'p1', ...none, brandId: 'other' },
      { id: 'p2', ...none, jurisdiction: 'DE' },
    ];
    expect(firstPauseFor(pauses, post)?.id).toBe('p2');
    const blackouts = [
      {
        id: 'x1',
        brandId: null,
        jurisdiction: null,
        startsAt: new Date('2026-01-01T00:00:00Z'),
        endsAt: new Date('2026-01-02T00:00:00Z'),
      },
      {
        id: 'x2',
        brandId: 'b1',
        jurisdiction: null,
        startsAt: new Date('2026-06-01T00:00:00Z'),
        endsAt: new Date('2026-06-02T00:00:00Z'),
      },
    ];
    expect(firstBlackoutFor(blackouts, post, new Date('2026-06-01T08:00:00Z'))?.id).toBe('x2');
    expect(firstBlackoutFor(blackouts, post, new Date('2026-03-01T08:00:00Z'))).toBeUndefined();
  });
});
