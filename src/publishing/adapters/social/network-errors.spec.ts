import { graphFailure, linkedInFailure, lostCall, xFailure } from './network-errors';
import { NetworkCallError } from './network-http';

const now = new Date('2026-12-03T10:00:00Z');
const graph = (code: number, subcode?: number): unknown => ({
  error: { code, message: `m${code}`, ...(subcode ? { error_subcode: subcode } : {}) },
});

describe('network error mapping', () => {
  it('maps Graph API codes: 1/2 transient, 4/17/32/613/341 throttled, 190/102/10/2xx reconnect, 368 blocked, 506 duplicate', () => {
    expect(graphFailure(500, {}, graph(1), '', now)).toMatchObject({ outcome: 'retryable_failure', error: 'graph_1' });
    expect(graphFailure(503, {}, graph(2), '', now)).toMatchObject({ outcome: 'retryable_failure', error: 'graph_2' });
    for (const code of [4, 17, 32, 613, 341]) {
      const result = graphFailure(400, {}, graph(code), '', now);
      expect([code, result.outcome, result.retryAt?.toISOString()]).toEqual([
        code,
        'retryable_failure',
        '2026-12-03T10:15:00.000Z',
      ]);
    }
    for (const code of [190, 102, 10, 200, 299]) {
      expect([code, graphFailure(400, {}, graph(code), '', now).outcome]).toEqual([code, 'reconnect_needed']);
    }
    expect(graphFailure(400, {}, graph(190, 463), '', now).error).toBe('graph_190_463: m190');
    expect(graphFailure(400, {}, graph(368), '', now)).toMatchObject({
      outcome: 'retryable_failure',
      retryAt: new Date('2026-12-03T11:00:00Z'),
    });
    expect(graphFailure(400, {}, graph(506), '', now)).toMatchObject({
      outcome: 'permanent_failure',
      error: 'graph_506_duplicate_post',
    });
    expect(graphFailure(400, {}, graph(100), '', now).outcome).toBe('permanent_failure');
    expect(graphFailure(502, {}, null, '<html>', now)).toMatchObject({
      outcome: 'retryable_failure',
      error: 'graph_502',
      responseExcerpt: '<html>',
    });
  });

  it('reads the time to regain access from the Business Use Case header (the longest one)', () => {
    const header = JSON.stringify({
      '1': [{ estimated_time_to_regain_access: 3 }, { estimated_time_to_regain_access: 12 }],
    });
    expect(graphFailure(400, { 'x-business-use-case-usage': header }, graph(32), '', now).retryAt).toEqual(
      new Date('2026-12-03T10:12:00Z'),
    );
  });

  it('maps LinkedIn: 401 reconnect, 422 DUPLICATE_POST permanent, 429 at Retry-After or next UTC midnight, 5xx transient', () => {
    expect(
      linkedInFailure(401, {}, { status: 401, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' }, '', now),
    ).toMatchObject({
      outcome: 'reconnect_needed',
      error: 'linkedin_401_INVALID_ACCESS_TOKEN: Invalid access token',
    });
    expect(linkedInFailure(422, {}, { code: 'DUPLICATE_POST', message: 'dup' }, '', now)).toMatchObject({
      outcome: 'permanent_failure',
      error: 'linkedin_422_DUPLICATE_POST',
    });
    expect(linkedInFailure(429, { 'retry-after': '60' }, {}, '', now).retryAt).toEqual(
      new Date('2026-12-03T10:01:00Z'),
    );
    expect(linkedInFailure(429, {}, {}, '', now).retryAt).toEqual(new Date('2026-12-04T00:00:00Z'));
    expect(linkedInFailure(504, {}, {}, '', now).outcome).toBe('retryable_failure');
    expect(linkedInFailure(403, {}, { code: 'ACCESS_DENIED' }, '', now).outcome).toBe('permanent_failure');
  });

  it('maps X: 401 reconnect, 429 at x-rate-limit-reset, 403 duplicate content permanent', () => {
    expect(xFailure(401, {}, { title: 'Unauthorized', detail: 'Unauthorized' }, '', now).outcome).toBe(
      'reconnect_needed',
    );
    expect(xFailure(429, { 'x-rate-limit-reset': '1796292000' }, {}, '', now).retryAt).toEqual(
      new Date(1796292000 * 1000),
    );
    expect(xFailure(429, {}, {}, '', now).retryAt).toEqual(new Date('2026-12-03T10:15:00Z'));
    expect(
      xFailure(403, {}, { detail: 'You are not allowed to create a Tweet with duplicate content.' }, '', now),
    ).toMatchObject({
      outcome: 'permanent_failure',
      error: 'x_403_duplicate_content',
    });
    expect(xFailure(403, {}, { detail: 'not permitted' }, '', now).error).toBe('x_403');
  });

  it('calls without an answer: unknown only once the request left', () => {
    expect(lostCall(new NetworkCallError('timeout', true))).toEqual({ outcome: 'unknown', error: 'timeout' });
    expect(lostCall(new NetworkCallError('connection_failed', false))).toEqual({
      outcome: 'retryable_failure',
      error: 'connection_failed',
    });
    expect(lostCall(new NetworkCallError('destination_refused', false))).toEqual({
      outcome: 'permanent_failure',
      error: 'destination_refused',
    });
    expect(lostCall(new Error('boom'))).toEqual({ outcome: 'unknown', error: 'call_failed' });
  });
});
