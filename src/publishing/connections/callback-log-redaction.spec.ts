import { withoutOAuthCallbackQuery } from './callback-log-redaction';

describe('withoutOAuthCallbackQuery', () => {
  it('drops the code and state of an OAuth callback from the logged request', () => {
    const logged = withoutOAuthCallbackQuery({
      method: 'GET',
      url: '/api/v1/oauth/x/callback?code=abc&state=def',
      query: { code: 'abc', state: 'def' },
    });
    expect(logged).toEqual({ method: 'GET', url: '/api/v1/oauth/x/callback', query: {} });
  });

  it('leaves every other request as it is', () => {
    const req = { url: '/api/v1/workspaces/w/posts?status=draft', query: { status: 'draft' } };
    expect(withoutOAuthCallbackQuery(req)).toBe(req);
  });
});
