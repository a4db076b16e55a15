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
export interface Reservation {
  channelId: string;
  seq: number;
  emit?: () => void;
}

export function createPublishOrder() {
  // Per channel, this node's reservations in seq order. A rolled-back send gives its seq back,
  // so one seq may be reserved twice for a moment: each reservation is its own object.
  const channels = new Map<string, Reservation[]>();

  function flush(channelId: string) {
    const pending = channels.get(channelId);
    if (!pending) return;
    while (pending[0]?.emit) pending.shift()!.emit!();
    if (pending.length === 0) channels.delete(channelId);
  }

  return {
    reserve(channelId: string, seq: number): Reservation {
      const reservation: Reservation = { channelId, seq };
      const pending = channels.get(channelId) ?? [];
      const at = pending.findIndex((r) => r.seq > seq);
      pending.splice(at === -1 ? pending.length : at, 0, reservation);
      channels.set(channelId, pending);
      return reservation;
    },
    /** Runs `emit` once every lower seq this node reserved for the channel has been published or cancelled. */
    publish(reservation: Reservation, emit: () => void): void {
      reservation.emit = emit;
      if (!channels.get(reservation.channelId)?.includes(reservation)) return emit();
      flush(reservation.channelId);
    },
    /** The send failed (rolled back): nothing will be published for this reservation. */
    cancel(reservation: Reservation): void {
      const pending = channels.get(reservation.channelId);
      if (!pending) return;
      const at = pending.indexOf(reservation);
      if (at !== -1) pending.splice(at, 1);
      flush(reservation.channelId);
    },
  };
}

const registry = globalThis as unknown as { __moimPublishOrder?: ReturnType<typeof createPublishOrder> };

export function publishOrder() {
  return (registry.__moimPublishOrder ??= createPublishOrder());
}
