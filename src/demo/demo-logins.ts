import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_WORKSPACE } from './demo-data';

/**
 * The demo's logins as one block, printed by main.ts once the server listens: after Nest's
 * start-up logs (route mapping and all), so the block is never split by them.
 */
export function demoLoginsBlock(publicUrl: string, workspaceId: string): string {
  const width = Math.max(...DEMO_MEMBERS.map((m) => m.roles.join(', ').length));
  return [
    '',
    '──── Demo ─────────────────────────────────────────────────',
    `Workspace "${DEMO_WORKSPACE}" (${workspaceId})`,
    `Open ${publicUrl}/api/docs and log in with any of these (password ${DEMO_PASSWORD}):`,
    ...DEMO_MEMBERS.map((m) => `  ${m.roles.join(', ').padEnd(width)}  ${m.email}`),
    '───────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
