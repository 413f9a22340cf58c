import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '../../common/errors/app-error';
import { AuthService, type LoginResult } from '../auth.service';
import { SecondFactorService } from '../second-factor/second-factor.service';
import { SsoConfigService } from '../sso/sso-config.service';

export type PasswordSignInResult =
  | { kind: 'login'; login: LoginResult; mustEnrol: boolean }
  | { kind: 'challenge'; challengeToken: string };

/**
 * Password sign-in, for the API and the browser alike: the password (limited and audited), then
 * the workspaces' rules: a workspace that signs in through its identity provider refuses the
 * password, an enrolled second factor turns the answer into a challenge, and a workspace that
 * requires a factor nobody enrolled yet gets a session that can only enrol.
 */
@Injectable()
export class PasswordSignInService {
  constructor(
    private readonly auth: AuthService,
    private readonly factors: SecondFactorService,
    private readonly sso: SsoConfigService,
  ) {}

  async signIn(email: string, password: string, address: string): Promise<PasswordSignInResult> {
    const user = await this.auth.checkPassword({ email, address }, password);
    // Checked after the password, so the answer tells a stranger nothing about the workspace's set-up.
    await this.assertPasswordAllowed(user.id);
    if (await this.factors.isEnrolled(user.id)) {
      return { kind: 'challenge', challengeToken: await this.auth.issueChallenge(user) };
    }
    const mustEnrol = (await this.factors.requiredBy(user.id)).length > 0;
    return { kind: 'login', login: await this.auth.issueLogin(user, { mustEnrol }), mustEnrol };
  }

  /** The second step: the challenge of the password step and a TOTP or recovery code. */
  async completeChallenge(challengeToken: string, code: string, address: string): Promise<LoginResult> {
    const user = await this.auth.userOfChallenge(challengeToken);
    await this.assertPasswordAllowed(user.id);
    await this.factors.verify(user.id, code, address);
    return this.auth.issueLogin(user);
  }

  private async assertPasswordAllowed(userId: string): Promise<void> {
    if ((await this.sso.passwordRefusedFor(userId)).length > 0) {
      throw new ForbiddenError('PASSWORD_SIGN_IN_DISABLED', 'identity:errors.passwordSignInDisabled');
    }
  }
}
