/** Why a member may not sign a stage: a stable code, an i18n key (namespace `workflow`) and its parameters. */
export interface SigningRefusal {
  code: 'STAGE_ROLE_REQUIRED' | 'AUTHOR_CANNOT_SIGN' | 'ONE_STAGE_PER_PERSON';
  messageKey: string;
  params: Record<string, string>;
}

export interface SigningCheck {
  stage: { stage: string; role: string };
  signer: { userId: string; roles: readonly string[] };
  /** Users who wrote any revision of the post: their own text is never theirs to approve. */
  contributors: readonly string[];
  /** Signatures on this post that still count (not void). */
  liveSignatures: readonly { stage: string; decidedBy: string }[];
}

/**
 * The separation-of-duties rules of a signature (DESIGN.md "The post lifecycle"): the signer
 * holds the stage's role, did not write the text, and has not signed another stage of the
 * same post. Each refusal is a 403.
 */
export function signingRefusal({ stage, signer, contributors, liveSignatures }: SigningCheck): SigningRefusal | null {
  if (!signer.roles.includes(stage.role)) {
    return {
      code: 'STAGE_ROLE_REQUIRED',
      messageKey: 'workflow:errors.stageRoleRequired',
      params: { stage: stage.stage, role: stage.role },
    };
  }
  if (contributors.includes(signer.userId)) {
    return {
      code: 'AUTHOR_CANNOT_SIGN',
      messageKey: 'workflow:errors.authorCannotSign',
      params: { stage: stage.stage },
    };
  }
  const other = liveSignatures.find((s) => s.decidedBy === signer.userId && s.stage !== stage.stage);
  if (other) {
    return {
      code: 'ONE_STAGE_PER_PERSON',
      messageKey: 'workflow:errors.oneStagePerPerson',
      params: { stage: stage.stage, signed: other.stage },
    };
  }
  return null;
}
