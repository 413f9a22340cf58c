import { PackValidationError } from '../errors';

/**
 * One order of approval stages for all packs: each pack lists its stages in order, and the
 * merged order respects every list (a stable topological sort). Two packs that order the
 * same stages differently cannot both be honoured, which is a pack error.
 */
export function mergeStageOrders(lists: readonly { file: string; stages: readonly string[] }[]): string[] {
  const after = new Map<string, Set<string>>();
  const firstSeen: string[] = [];
  for (const { stages } of lists) {
    stages.forEach((stage, i) => {
      if (!after.has(stage)) {
        after.set(stage, new Set());
        firstSeen.push(stage);
      }
      for (const later of stages.slice(i + 1)) after.get(stage)?.add(later);
    });
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < firstSeen.length) {
    const next = firstSeen.find(
      (s) => !placed.has(s) && firstSeen.every((o) => placed.has(o) || o === s || !after.get(o)?.has(s)),
    );
    if (next === undefined) {
      const culprit = lists.find((l) => l.stages.length > 1) ?? lists[0];
      throw new PackValidationError(
        culprit.file,
        null,
        `stage orders of the packs contradict each other (${firstSeen.filter((s) => !placed.has(s)).join(', ')})`,
      );
    }
    order.push(next);
    placed.add(next);
  }
  return order;
}
