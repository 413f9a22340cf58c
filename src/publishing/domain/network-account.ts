import { isNetworkAdapter, type AdapterKind } from '../adapters/channel-adapter';

export interface FieldConstraint {
  field: string;
  constraints: Record<string, string>;
}

export interface AccountState {
  accountId: string | null;
  hasToken: boolean;
}

/**
 * What is wrong with a network target as it would be stored: its adapter publishes only to
 * the channel of the same name (a LinkedIn token cannot post on X), and it needs an account
 * id and a token. Every problem is named, so one answer lists them all.
 */
export function networkTargetProblems(adapter: AdapterKind, channel: string, account: AccountState): FieldConstraint[] {
  if (!isNetworkAdapter(adapter)) return [];
  const problems: FieldConstraint[] = [];
  if (adapter !== channel) {
    problems.push({
      field: 'adapter',
      constraints: {
        adapterMatchesChannel: `the ${adapter} adapter publishes only to the ${adapter} channel, not ${channel}`,
      },
    });
  }
  if (!account.accountId) {
    problems.push({ field: 'account.id', constraints: { required: `account.id is required for a ${adapter} target` } });
  }
  if (!account.hasToken) {
    problems.push({
      field: 'account.accessToken',
      constraints: { required: `account.accessToken is required for a ${adapter} target` },
    });
  }
  return problems;
}
