/**
 * scripts/check-post.ts end to end: spawned like a user would, on temporary post files.
 * (It lives here because the unit project does not collect specs under scripts/.)
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'check-post-'));

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
      '-r',
      'tsconfig-paths/register',
      '--transpile-only',
      'scripts/check-post.ts',
      ...args,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function postFile(name: string, post: object): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(post));
  return file;
}

describe('scripts/check-post.ts', () => {
  it('prints translated findings and exits 1 when the post needs changes', () => {
    const file = postFile('de.json', {
      body: 'Jetzt Kredit ab 3,9 % sichern!',
      locale: 'de-DE',
      productCategory: 'consumer_credit',
      channels: ['instagram'],
      jurisdictions: ['DE'],
      brandProfile: { DE: { impressumUrl: 'https://bank.example/impressum', impressumLinkLabel: 'Impressum' } },
      scheduledAt: '2026-06-15T10:00:00+02:00',
    });
    const { status, stdout } = run([file]);
    expect(stdout).toContain('== DE: Änderungen nötig (needs_changes)');
    expect(stdout).toContain('[FIX] DE-PANGV-17-CREDIT representative_example');
    expect(stdout).toContain('Es fehlt: Sollzinssatz, Nettodarlehensbetrag, effektiver Jahreszins.');
    expect(stdout).toContain('evidence: "3,9 %" at 16-21');
    expect(status).toBe(1);
  });

  it('exits 0 for a clear post and honours --lang', () => {
    const file = postFile('brand.json', {
      body: 'Frohe Weihnachten!',
      locale: 'de-DE',
      productCategory: 'brand',
      channels: ['instagram'],
      jurisdictions: ['DE'],
      brandProfile: { DE: { impressumUrl: 'https://bank.example/impressum', impressumLinkLabel: 'Kontakt' } },
    });
    const { status, stdout } = run([file, '--lang', 'en']);
    expect(stdout).toContain('Overall: clear (clear)');
    expect(status).toBe(0);
  });

  it('exits 2 naming the bad field', () => {
    const file = postFile('bad.json', {
      body: 'x',
      locale: 'de-DE',
      productCategory: 'consumer_credit',
      channels: ['instagram', 'myspace'],
      jurisdictions: ['DE'],
    });
    const { status, stderr } = run([file]);
    expect(stderr).toContain('field \'channels[1]\': unknown channel "myspace"');
    expect(status).toBe(2);
  });

  it('names every bad field of the file at once, one line each', () => {
    const file = postFile('several.json', {
      locale: 'de-DE',
      productCategory: 'loan',
      channels: ['myspace'],
      jurisdictions: ['XX'],
      paid: 'yes',
    });
    const { status, stderr } = run([file]);
    expect(status).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines.map((line) => /field '([^']+)'/.exec(line)?.[1]).sort()).toEqual([
      'body',
      'channels[0]',
      'jurisdictions[0]',
      'paid',
      'productCategory',
    ]);
  });

  it('--report prints the per-pack accuracy on the example posts that the README shows, and exits 0', () => {
    const { status, stdout } = run(['--report']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('| Pack | Examples | Compliant | Exact verdict | Exact findings | False flags | Misses |');
    expect(lines.slice(2).map((line) => line.split(' | ')[0])).toEqual([
      '| DE',
      '| ES',
      '| EU',
      '| FR',
      '| NL',
      '| PL',
      '| PLATFORM',
      '| UK',
      '| US',
      '| Total',
    ]);
    expect(lines.at(-1)).toMatch(/^\| Total \| \d+ \| \d+ \| (\d+)\/\1 \(100\.0 %\) \| (\d+)\/\2 \| 0 \| 0 \|$/);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(stdout.trim());
  });

  it('prints the packs table that the README shows', () => {
    const { status, stdout } = run(['--packs-table']);
    expect(status).toBe(0);
    const readme = readFileSync(join(ROOT, 'libs', 'rules-engine', 'README.md'), 'utf8');
    expect(readme).toContain(stdout.trim());
  });
});
