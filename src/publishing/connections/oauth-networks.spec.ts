import { loadConfig } from '../../config/app-config';
import { oauthProfile, providerOf } from './oauth-networks';

describe('oauthProfile', () => {
  it('is null for a network whose client is not configured', () => {
    const config = loadConfig({});
    expect(oauthProfile(config, 'linkedin')).toBeNull();
    expect(oauthProfile(config, 'meta')).toBeNull();
    expect(oauthProfile(config, 'x')).toBeNull();
  });

  it('uses PKCE and HTTP Basic for X only, the client secret in the form for LinkedIn and Meta, and the configured endpoints', () => {
    const config = loadConfig({
      LINKEDIN_CLIENT_ID: 'l',
      LINKEDIN_CLIENT_SECRET: 'ls',
      META_APP_ID: 'm',
      META_APP_SECRET: 'ms',
      X_CLIENT_ID: 'x',
      X_CLIENT_SECRET: 'xs',
      X_API_URL: 'https://proxy.bank.example/x/',
    });
    expect(oauthProfile(config, 'x')).toMatchObject({
      pkce: true,
      clientAuth: 'basic',
      tokenEndpoint: 'https://proxy.bank.example/x/2/oauth2/token',
    });
    expect(oauthProfile(config, 'linkedin')).toMatchObject({
      pkce: false,
      clientAuth: 'post',
      tokenEndpoint: 'https://www.linkedin.com/oauth/v2/accessToken',
    });
    expect(oauthProfile(config, 'meta')).toMatchObject({
      pkce: false,
      clientAuth: 'post',
      authorizationEndpoint: 'https://www.facebook.com/v21.0/dialog/oauth',
    });
    expect(oauthProfile(config, 'meta')!.scope.split(',')).toContain('instagram_content_publish');
  });

  it('maps Facebook and Instagram to the one Meta app', () => {
    expect(['linkedin', 'facebook', 'instagram', 'x'].map((n) => providerOf(n as 'x'))).toEqual([
      'linkedin',
      'meta',
      'meta',
      'x',
    ]);
  });

  it('refuses a client id without its secret at start, naming the variable but not showing a secret', () => {
    expect(() => loadConfig({ X_CLIENT_ID: 'x' })).toThrow(/X_CLIENT_SECRET/);
    expect(() => loadConfig({ LINKEDIN_OAUTH_URL: 'not a url' })).toThrow(/LINKEDIN_OAUTH_URL/);
  });
});
