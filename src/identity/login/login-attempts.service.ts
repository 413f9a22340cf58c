import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type AuditEvent, AuditService } from '../../audit/audit.service';
import { TooManyRequestsError } from '../../common/errors/app-error';
import { Membership } from '../entities/membership.entity';
import type { User } from '../entities/user.entity';
import { LoginLimiter, type Reservation } from './login-limiter';

export interface LoginAttempt {
  email: string;
  /** The client's address as Express sees it (TRUST_PROXY decides whether forwarded headers count). */
  address: string;
}

/**
 * The budget and the evidence of password checks: every check first takes an attempt from
 * the address's and the account's budgets (429 when either is spent), a success gives it back,
 * and failures reach the audit trail aggregated: the first failure of an account (or, for
 * unknown e-mails, of an address) in a window, and the moment a budget runs out.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly limiter: LoginLimiter,
    private readonly audit: AuditService,
    @InjectRepository(Membership) private readonly memberships: Repository<Membership>,
  ) {}

  async begin(attempt: LoginAttempt): Promise<Extract<Reservation, { allowed: true }>> {
    const reservation = await this.limiter.reserve(attempt.address, attempt.email);
    if (!reservation.allowed) {
      throw new TooManyRequestsError(
        'RATE_LIMITED',
        `identity:errors.loginLimited.${reservation.scope}`,
        { seconds: reservation.retryAfterSeconds },
        {
          retryAfterSeconds: reservation.retryAfterSeconds,
        },
      );
    }
    return reservation;
  }

  succeeded(attempt: LoginAttempt): Promise<void> {
    return this.limiter.release(attempt.address, attempt.email);
  }

  async failed(
    attempt: LoginAttempt,
    user: User | null,
    counts: { addressCount: number; accountCount: number },
  ): Promise<void> {
    const email = attempt.email.toLowerCase().slice(0, 320);
    const actor = `anonymous:${attempt.address}`;
    const chains = user ? await this.workspaceChains(user.id) : [null];
    const subject = user ? `user:${user.id}` : 'user:unknown';
    const windowSeconds = this.limiter.windowMs / 1000;
    const events: AuditEvent[] = [];
    const firstKey = user ? `user:${user.id}` : `address:${attempt.address}`;
    if (await this.limiter.firstInWindow(firstKey)) {
      // Later failures in this window are counted, not written: the limit entry below says how many.
      for (const workspaceId of chains) {
        events.push({
          workspaceId,
          actor,
          action: 'auth.login_failed',
          subject,
          data: { email, address: attempt.address, windowSeconds },
        });
      }
    }
    const { address: addressLimit, account: accountLimit } = this.limiter.limits;
    if (counts.accountCount === accountLimit) {
      for (const workspaceId of chains) {
        events.push({
          workspaceId,
          actor,
          action: 'auth.login_limited',
          subject,
          data: { scope: 'account', email, attempts: accountLimit, windowSeconds },
        });
      }
    }
    if (counts.addressCount === addressLimit) {
      events.push({
        workspaceId: null,
        actor,
        action: 'auth.login_limited',
        subject: `address:${attempt.address}`,
        data: { scope: 'address', attempts: addressLimit, windowSeconds },
      });
    }
    await this.audit.recordMany(events);
  }

  /** The chains an account's security events go to: each of its workspaces, or the system chain. */
  async workspaceChains(userId: string): Promise<(string | null)[]> {
    const ids = (await this.memberships.find({ where: { userId }, select: { workspaceId: true } })).map(
      (m) => m.workspaceId,
    );
    return ids.length > 0 ? ids : [null];
  }
}
