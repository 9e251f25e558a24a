/**
 * Which of a socket's write seqs may be confirmed as stored (ADR 013). Guarantees: confirmed
 * seqs only grow; from the first blocked seq on, nothing at or past it is confirmed until a seq
 * at or past the last repair is offered (the resync that repaired the block is stored then).
 */
export class ConfirmationGate {
  /** The first write seq not known to be in the document, or null when every write is. */
  private blockedFrom: number | null = null;
  /** Confirming a seq ≥ this lifts the block (the resync that repaired it is stored then). */
  private unblockAt: number | null = null;
  private lastConfirmed = 0;

  /** Holds confirmations back from `seq` on, until the next repair. */
  block(seq: number): void {
    if (this.blockedFrom === null) this.blockedFrom = seq;
    this.unblockAt = null;
  }

  /** The writes up to `seq` hold everything the block was missing: confirming `seq` lifts it. */
  repairedAt(seq: number): void {
    this.unblockAt = seq;
  }

  /**
   * The room offers `seq` after a commit: returns the seq to confirm to the client (never past a
   * blocked one), or null when that confirms nothing new.
   */
  offer(seq: number): number | null {
    if (this.blockedFrom !== null) {
      if (this.unblockAt !== null && seq >= this.unblockAt) {
        this.blockedFrom = null;
        this.unblockAt = null;
      } else {
        seq = Math.min(seq, this.blockedFrom - 1);
      }
    }
    if (seq <= this.lastConfirmed) return null;
    this.lastConfirmed = seq;
    return seq;
  }
}
