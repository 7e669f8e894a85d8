package townhall.store;

/**
 * Told of every call the store makes to its backing server: which operation, how long the round trip took and,
 * for a failure, what kind of failure. Used for metrics; implementations must be cheap and thread-safe, as they are
 * called on the store client's own threads.
 */
public interface StoreObserver {

  /** Does nothing. */
  StoreObserver NONE = new StoreObserver() {
    @Override
    public void succeeded(String operation, long nanos) {
    }

    @Override
    public void failed(String operation, long nanos, Failure failure) {
    }
  };

  /** What went wrong with a call. */
  enum Failure {
    /** No answer within the command timeout. */
    TIMEOUT,
    /** Not connected: the call was rejected at once, or the connection dropped while it waited. */
    DISCONNECTED,
    /** The server is out of memory and refuses writes. */
    OUT_OF_MEMORY,
    /** Anything else: a script or command error. */
    OTHER
  }

  /**
   * A call answered.
   *
   * @param operation a short, bounded name: a script's name ({@code ask}) or a command's ({@code hmget})
   * @param nanos     from sending the call to its answer
   */
  void succeeded(String operation, long nanos);

  /** A call failed; {@code nanos} is the time until the failure was known. */
  void failed(String operation, long nanos, Failure failure);
}
