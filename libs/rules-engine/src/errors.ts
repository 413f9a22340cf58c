/**
 * Raised at load time for any defect in a pack. The message always names the file, the rule
 * (when there is one) and what is wrong, so a failed start-up points straight at the fix.
 */
export class PackValidationError extends Error {
  readonly code = 'PACK_INVALID';

  constructor(
    readonly file: string,
    readonly ruleId: string | null,
    readonly problem: string,
  ) {
    super(`${file}${ruleId ? ` (rule ${ruleId})` : ''}: ${problem}`);
    this.name = 'PackValidationError';
  }
}

/** A post names a jurisdiction for which no pack is loaded. */
export class UnknownJurisdictionError extends Error {
  readonly code = 'UNKNOWN_JURISDICTION';

  constructor(
    readonly jurisdiction: string,
    readonly known: readonly string[],
  ) {
    super(`unknown jurisdiction '${jurisdiction}' (loaded packs: ${known.join(', ')})`);
    this.name = 'UnknownJurisdictionError';
  }
}

/**
 * Thrown by argument readers while a rule is validated; the loader turns it into a
 * PackValidationError carrying file and rule id.
 */
export class ArgError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ArgError';
  }
}
