/**
 * "What changes on <day>", from the command line (npm run check -- --changes-on DAY ...):
 *
 *   npm run check -- --changes-on 2026-11-20 [--jurisdictions DIR]
 *       the rules of the packs that start or stop applying that day (no database needed)
 *   npm run check -- --changes-on 2026-11-20 --workspace <uuid>
 *       also the workspace's unpublished posts whose verdict changes, before -> after,
 *       read from DATABASE_URL exactly as GET /workspaces/:ws/compliance/changes?on= does
 *
 * Exit codes: 0 nothing gets worse, 1 some post's verdict gets worse, 2 bad input.
 */
import { RulesEngine, VERDICT_ORDER } from '@preclear/rules-engine';
import { resolve } from 'path';
import { boundariesOn, ruleBoundaries } from '../src/compliance/domain/rule-changes';
import type { ChangesOnDto } from '../src/compliance/dto/rule-changes.dto';

interface ChangesOptions {
  day: string;
  packsDir: string;
  workspaceId: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseChangesArgs(argv: readonly string[]): ChangesOptions | string {
  const options: ChangesOptions = { day: '', packsDir: resolve(__dirname, '..', 'jurisdictions'), workspaceId: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (!['--changes-on', '--jurisdictions', '--workspace'].includes(arg)) {
      return `unknown argument ${arg} (with --changes-on: --jurisdictions DIR, --workspace UUID)`;
    }
    if (value === undefined) return `option ${arg} needs a value`;
    i++;
    if (arg === '--changes-on') options.day = value;
    else if (arg === '--jurisdictions') options.packsDir = resolve(value);
    else options.workspaceId = value;
  }
  if (
    !DAY.test(options.day) ||
    Number.isNaN(Date.parse(`${options.day}T00:00:00Z`)) ||
    new Date(`${options.day}T00:00:00Z`).toISOString().slice(0, 10) !== options.day
  ) {
    return `--changes-on: '${options.day}' is not a date YYYY-MM-DD`;
  }
  if (options.workspaceId !== null && !UUID.test(options.workspaceId)) {
    return `--workspace: '${options.workspaceId}' is not a workspace id (UUID)`;
  }
  return options;
}

export function renderChanges(changes: ChangesOnDto, withPosts: boolean): string {
  const lines = [`Changes on ${changes.on}: ${changes.rules.length} rule(s)`];
  for (const r of changes.rules) {
    lines.push(
      `  ${r.change === 'takes_effect' ? '+' : '-'} ${r.jurisdiction} ${r.ruleId} [${r.severity}] ${r.change} at ${r.at}: ${r.title}`,
    );
    lines.push(`      cite: ${[r.citation.source, r.citation.article].filter(Boolean).join(', ')}`);
  }
  if (withPosts) {
    lines.push(`Posts affected: ${changes.posts.length}`);
    for (const p of changes.posts) {
      const rules = [
        ...p.addedFindings.map((f) => `+${f.ruleId}`),
        ...p.removedFindings.map((f) => `-${f.ruleId}`),
      ].join(' ');
      lines.push(
        `  ${p.postId} ${p.status} ${p.scheduledAt ?? 'unscheduled'} ${p.before} -> ${p.after} ${rules} "${p.title}"`,
      );
    }
  }
  return lines.join('\n');
}

/** Reads the workspace's posts through the application itself (same code as the API), then closes it. */
async function changesFromDatabase(options: ChangesOptions, env: NodeJS.ProcessEnv): Promise<ChangesOnDto> {
  const { createApp } = await import('../src/bootstrap');
  const { RuleChangesService } = await import('../src/compliance/rule-changes.service');
  const { app } = await createApp({
    ...env,
    JURISDICTIONS_DIR: options.packsDir,
    RUN_WORKERS: 'false',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  try {
    await app.init();
    return await app.get(RuleChangesService).changesOn(options.workspaceId!, options.day, new Date());
  } finally {
    await app.close();
  }
}

export async function changesOnMain(
  argv: readonly string[],
  out: (text: string) => void = (s) => process.stdout.write(s),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const options = parseChangesArgs(argv);
  if (typeof options === 'string') {
    out(`${options}\n`);
    return 2;
  }
  let changes: ChangesOnDto;
  if (options.workspaceId === null) {
    const engine = RulesEngine.fromDirectory(options.packsDir);
    const rules = boundariesOn(ruleBoundaries(engine.packs().map((p) => engine.pack(p.code)!)), options.day);
    changes = { on: options.day, rules: rules.map((r) => ({ ...r, at: r.at.toISOString() })), posts: [] };
  } else {
    changes = await changesFromDatabase(options, env);
  }
  out(`${renderChanges(changes, options.workspaceId !== null)}\n`);
  const worse = changes.posts.some(
    (p) => VERDICT_ORDER.indexOf(p.after as never) < VERDICT_ORDER.indexOf(p.before as never),
  );
  return worse ? 1 : 0;
}
