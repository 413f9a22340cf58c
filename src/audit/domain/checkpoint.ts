import { sign, verify } from 'node:crypto';
import { canonicalJson } from '../../common/domain/canonical-json';
import type { SigningKey } from './signing-key';

/** What a checkpoint asserts; the signature covers exactly these fields. */
export interface CheckpointClaim {
  chain: string;
  seq: number;
  hash: string;
  signedAt: Date;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointClaim {
  signature: string;
}

/** The signed bytes: canonical JSON, so anyone can re-create them from an exported checkpoint. */
export function checkpointMessage(claim: CheckpointClaim): Buffer {
  return Buffer.from(
    canonicalJson({
      chain: claim.chain,
      seq: claim.seq,
      hash: claim.hash,
      signedAt: claim.signedAt.toISOString(),
      keyId: claim.keyId,
    }),
    'utf8',
  );
}

export function signCheckpoint(key: SigningKey, claim: Omit<CheckpointClaim, 'keyId'>): SignedCheckpoint {
  const full = { ...claim, keyId: key.keyId };
  return { ...full, signature: sign(null, checkpointMessage(full), key.privateKey).toString('base64') };
}

/** Whether the checkpoint was signed by this key and not altered since. */
export function checkpointSignatureHolds(key: SigningKey, checkpoint: SignedCheckpoint): boolean {
  if (checkpoint.keyId !== key.keyId) return false;
  return verify(null, checkpointMessage(checkpoint), key.publicKey, Buffer.from(checkpoint.signature, 'base64'));
}
