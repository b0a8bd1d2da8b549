/** One resource the plan would touch, with terraform's action and the construct that owns it. */
export interface PlannedChange {
  readonly address: string;
  /** `create`, `update`, `delete`, `replace`, `read` or `no-op`. */
  readonly action: string;
  /** The top-level construct under the stack (`network`, `load-balancer`, ...), or `(stack)`. */
  readonly construct: string;
}

interface ShowJsonResourceChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly change: { readonly actions: readonly string[] };
}

interface SynthResourceMetadata {
  readonly '//'?: { readonly metadata?: { readonly path?: string } };
}

type SynthBlocks = Record<string, Record<string, SynthResourceMetadata>>;

/** The synthesized stack (cdk.tf.json), as far as construct paths go. */
export interface SynthesizedStack {
  readonly resource?: SynthBlocks;
  readonly data?: SynthBlocks;
}

const SYMBOLS: Record<string, string> = {
  create: '+',
  update: '~',
  delete: '-',
  replace: '-/+',
  read: '<=',
  'no-op': ' ',
};

function actionOf(actions: readonly string[]): string {
  if (actions.includes('create') && actions.includes('delete')) return 'replace';
  return actions[0] ?? 'no-op';
}

function constructOf(stack: SynthesizedStack, change: ShowJsonResourceChange): string {
  const blocks = change.mode === 'data' ? stack.data : stack.resource;
  const path = blocks?.[change.type]?.[change.name]?.['//']?.metadata?.path;
  return path?.split('/')[1] ?? '(stack)';
}

/** The plan's resource changes (from `terraform show -json`), each tied to its construct through the synth metadata. */
export function plannedChanges(
  showJson: { readonly resource_changes?: readonly ShowJsonResourceChange[] },
  stack: SynthesizedStack,
): PlannedChange[] {
  return (showJson.resource_changes ?? [])
    .map((change) => ({
      address: change.address,
      action: actionOf(change.change.actions),
      construct: constructOf(stack, change),
    }))
    .filter((change) => change.action !== 'no-op');
}

/** Lines for the terminal: one heading per construct, then `  + address (create)` per resource, in plan order. */
export function formatPlannedChanges(changes: readonly PlannedChange[]): string[] {
  const groups = new Map<string, PlannedChange[]>();
  for (const change of changes) groups.set(change.construct, [...(groups.get(change.construct) ?? []), change]);
  const lines: string[] = [];
  for (const [construct, members] of groups) {
    lines.push(`${construct} (${members.length})`);
    for (const change of members) lines.push(`  ${SYMBOLS[change.action] ?? '?'} ${change.address} (${change.action})`);
  }
  return lines;
}
