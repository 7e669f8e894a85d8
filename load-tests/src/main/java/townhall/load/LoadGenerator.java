package townhall.load;

import java.util.Arrays;

/**
 * Command-line entry point of the Townhall load generator: opens C resident sockets (and moderators, a stage
 * client) on one session, upvotes at an open-loop rate and measures ack and visibility latencies. See
 * {@link LoadOptions#USAGE} and the module's README. Subcommands: {@code merge} ({@link MergeCommand}),
 * {@code floor} ({@link FloorServer}) and {@code poll-storm} ({@link PollStorm}). Exits 0 when the run was clean, 1 when anything went wrong, 2 on a usage
 * error.
 */
public final class LoadGenerator {
  private LoadGenerator() {
  }

  /** Parses the options, runs once and exits with the run's status. */
  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(LoadOptions.USAGE);
      return;
    }
    if (args.length > 0 && args[0].equals("merge")) {
      System.exit(MergeCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("poll-storm")) {
      PollStorm.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("floor")) {
      FloorServer.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      System.err.println(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    System.exit(new LoadRun(options).execute());
  }
}
