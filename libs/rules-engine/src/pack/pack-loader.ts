import { createHash, Hash } from 'crypto';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { IANAZone } from 'luxon';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ArgError, PackValidationError } from '../errors';
import { PatternSetSpec } from '../text/pattern';
import { CompiledPacks } from './compiled-pack';
import type { PackFiles } from './pack-files';
import { compilePack, ParentPack } from './pack-compiler';
import { PackSource, readPackSource, SourceError } from './pack-source';
import { NamedPatterns, readPatternSetSpec } from './pattern-input';
import { mergeStageOrders } from './stage-order';

/**
 * Reads every `<dir>/<folder>/pack.yaml` with its `locales/<lang>.json`, validates and
 * compiles them. Any defect throws a PackValidationError naming the file, the rule and the
 * problem, so a bad pack stops start-up instead of silently weakening a check.
 */
export function loadPacks(dir: string): CompiledPacks {
  return compilePacks(readPacks(dir));
}

/** Reads and parses the pack files (YAML and JSON), checking their structure. */
export function readPacks(dir: string): PackFiles[] {
  if (!existsSync(dir)) throw new PackValidationError(dir, null, 'packs directory does not exist');
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'pack.yaml')))
    .map((entry) => entry.name)
    .sort();
  if (folders.length === 0) throw new PackValidationError(dir, null, 'no <code>/pack.yaml found');
  return folders.map((folder) => readPackFolder(dir, folder));
}

/** Resolves inheritance, validates rules and messages, builds every pattern and the facet index. */
export function compilePacks(packs: readonly PackFiles[]): CompiledPacks {
  const files = new Map<string, PackFiles>();
  for (const pack of packs) {
    const clash = files.get(pack.source.code);
    if (clash !== undefined) {
      throw new PackValidationError(pack.file, null, `code ${pack.source.code} is also used by ${clash.file}`);
    }
    files.set(pack.source.code, pack);
  }

  const compiled = new Map<string, ParentPack>();
  for (const pack of inheritanceOrder(files)) {
    const parent = pack.source.extends === null ? null : (compiled.get(pack.source.extends) ?? null);
    compiled.set(pack.source.code, compilePack(pack, parent, namedPatternsOf(pack, parent)));
  }

  const byCode = new Map([...compiled].map(([code, p]) => [code, p.pack]));
  const stageOrder = mergeStageOrders(
    [...compiled.values()].map((p) => ({ file: p.file, stages: p.pack.stages.map((s) => s.stage) })),
  );
  return {
    byCode,
    global: [...byCode.values()].filter((p) => p.scope === 'global'),
    stageOrder,
  };
}

type PackLocales = Map<string, { file: string; messages: Record<string, unknown> }>;

function readPackFolder(dir: string, folder: string): PackFiles {
  const packPath = join(dir, folder, 'pack.yaml');
  const file = displayPath(packPath);
  const text = readFileSync(packPath, 'utf8');
  const source = readSource(file, text);
  if (source.code.toLowerCase() !== folder.toLowerCase()) {
    throw new PackValidationError(
      file,
      null,
      `code ${source.code} does not match its folder '${folder}' (expected folder '${source.code.toLowerCase()}')`,
    );
  }
  if (source.timeZone !== null && !IANAZone.isValidZone(source.timeZone)) {
    throw new PackValidationError(file, null, `timeZone '${source.timeZone}' is not an IANA time zone`);
  }
  // The version hash covers the pack file and every locale file, with their names.
  const hash = createHash('sha256').update(`pack.yaml\0${text}\0`);
  const locales = readLocales(join(dir, folder, 'locales'), hash);
  for (const language of new Set(['en', ...source.languages])) {
    if (!locales.has(language)) {
      throw new PackValidationError(
        file,
        null,
        `missing locale file locales/${language}.json (en and every pack language are required)`,
      );
    }
  }
  return { folder, file, source, locales, contentHash: hash.digest('hex') };
}

/** pack.yaml parsed and its structure checked. */
function readSource(file: string, text: string): PackSource {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    const detail = error instanceof YAMLParseError ? error.message : String(error);
    throw new PackValidationError(file, null, `not valid YAML: ${detail}`);
  }
  try {
    return readPackSource(raw);
  } catch (error) {
    if (error instanceof SourceError) throw new PackValidationError(file, error.ruleId, error.message);
    throw error;
  }
}

/** Every `locales/<lang>.json` of a pack, in name order, each fed to the version hash. */
function readLocales(localeDir: string, hash: Hash): PackLocales {
  const locales: PackLocales = new Map();
  const names = existsSync(localeDir)
    ? readdirSync(localeDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const name of names) {
    const localePath = join(localeDir, name);
    const localeText = readFileSync(localePath, 'utf8');
    hash.update(`locales/${name}\0${localeText}\0`);
    locales.set(name.slice(0, -'.json'.length), {
      file: displayPath(localePath),
      messages: parseMessages(displayPath(localePath), localeText),
    });
  }
  return locales;
}

function parseMessages(localeFile: string, localeText: string): Record<string, unknown> {
  let messages: unknown;
  try {
    messages = JSON.parse(localeText);
  } catch (error) {
    throw new PackValidationError(localeFile, null, `not valid JSON: ${(error as Error).message}`);
  }
  if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) {
    throw new PackValidationError(localeFile, null, 'must hold a JSON object of messages');
  }
  return messages as Record<string, unknown>;
}

/** Paths in messages are relative to the working directory when under it, absolute otherwise. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

/** Parents before children; an unknown parent or a cycle is an error of the child's file. */
function inheritanceOrder(files: ReadonlyMap<string, PackFiles>): PackFiles[] {
  const ordered: PackFiles[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (pack: PackFiles): void => {
    const code = pack.source.code;
    if (state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') {
      throw new PackValidationError(pack.file, null, `extends forms a cycle through ${code}`);
    }
    state.set(code, 'visiting');
    const parentCode = pack.source.extends;
    if (parentCode !== null) {
      const parent = files.get(parentCode);
      if (parent === undefined) {
        throw new PackValidationError(
          pack.file,
          null,
          `unknown extends '${parentCode}' (loaded packs: ${[...files.keys()].join(', ')})`,
        );
      }
      if (pack.source.scope === 'global' || parent.source.scope === 'global') {
        throw new PackValidationError(pack.file, null, 'global packs can neither extend nor be extended');
      }
      visit(parent);
    }
    state.set(code, 'done');
    ordered.push(pack);
  };
  for (const pack of files.values()) visit(pack);
  return ordered;
}

/** The parent's named patterns plus the pack's own; a pack may refer to names defined before. */
function namedPatternsOf(pack: PackFiles, parent: ParentPack | null): NamedPatterns {
  const named = new Map<string, PatternSetSpec>(parent?.namedPatterns ?? []);
  for (const [name, raw] of Object.entries(pack.source.patterns)) {
    if (named.has(name)) {
      throw new PackValidationError(
        pack.file,
        null,
        `named pattern ${name} is already defined (by this pack or its parent)`,
      );
    }
    try {
      named.set(name, readPatternSetSpec(raw, `patterns.${name}`, named));
    } catch (error) {
      if (error instanceof ArgError) throw new PackValidationError(pack.file, null, error.message);
      throw error;
    }
  }
  return named;
}
