import "server-only";

/**
 * Keeps this node's broadcasts of a channel in seq order. Two sends on one node can commit in
 * seq order (the seq row lock orders them) yet resume from their awaits in the other order;
 * a send that took seq 5 must not be broadcast before this node's send that took seq 4.
 *
 * A send reserves its seq as soon as it has one, inside its transaction; by then every lower
 * seq this node reserved is committed or failing, so waiting for them is short and bounded.
 * Seqs taken by other nodes are not waited for: clients order by seq and fill gaps.
 */
export function createPublishOrder() {
  const channels = new Map<string, { pending: number[]; ready: Map<number, () => void> }>();

  function flush(channelId: string) {
    const c = channels.get(channelId);
    if (!c) return;
    while (c.pending.length > 0 && c.ready.has(c.pending[0]!)) {
      const seq = c.pending.shift()!;
      const emit = c.ready.get(seq)!;
      c.ready.delete(seq);
      emit();
    }
    if (c.pending.length === 0) channels.delete(channelId);
  }

  return {
    reserve(channelId: string, seq: number): void {
      const c = channels.get(channelId) ?? { pending: [] as number[], ready: new Map<number, () => void>() };
      c.pending.push(seq);
      c.pending.sort((a, b) => a - b);
      channels.set(channelId, c);
    },
    /** Runs `emit` once every lower seq this node reserved for the channel has been published or cancelled. */
    publish(channelId: string, seq: number, emit: () => void): void {
      const c = channels.get(channelId);
      if (!c?.pending.includes(seq)) return emit();
      c.ready.set(seq, emit);
      flush(channelId);
    },
    /** The send failed (rolled back): nothing will be published for this seq. */
    cancel(channelId: string, seq: number): void {
      const c = channels.get(channelId);
      if (!c) return;
      c.pending = c.pending.filter((s) => s !== seq);
      c.ready.delete(seq);
      flush(channelId);
    },
  };
}

const registry = globalThis as unknown as { __moimPublishOrder?: ReturnType<typeof createPublishOrder> };

export function publishOrder() {
  return (registry.__moimPublishOrder ??= createPublishOrder());
}
