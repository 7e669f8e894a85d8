package townhall.domain.record;

/**
 * Signs records with the deployment's record key (see {@code docs/record.md}, "Signatures"): the chain's final hash
 * ({@code chain.signature}) and what the record says that the chain does not hold ({@code exportSignature}: vote
 * counts, participants and activity of that moment, and when it was put together). Pure computation, no I/O.
 */
public interface RecordSigner {

  /** {@code record} with its signatures; a record without a chain is answered as it is. */
  SessionRecord sign(SessionRecord record);
}
