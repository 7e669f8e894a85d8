package townhall.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merge A.json B.json... [--out FILE] [--report DIR]}: combines the JSON results of the processes of one
 * run exactly (counters and histograms added, per-vote "slowest client" arrays combined, series added, process
 * samples kept once by name), prints the combined summary and writes it as JSON and as an HTML report. Exits 0
 * when the combined run is clean, 1 when it is not (or a file cannot be read), 2 on a usage error.
 */
public final class MergeCommand {
  private MergeCommand() {
  }

  /** Runs the command on the arguments after {@code merge}; answers the exit status. */
  public static int run(String[] args) {
    List<Path> inputs = new ArrayList<>();
    Path out = null;
    Path report = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--out") || arg.equals("--report")) && i + 1 < args.length) {
        Path value = Path.of(args[++i]);
        if (arg.equals("--out")) {
          out = value;
        } else {
          report = value;
        }
      } else if (arg.startsWith("--out=")) {
        out = Path.of(arg.substring(6));
      } else if (arg.startsWith("--report=")) {
        report = Path.of(arg.substring(9));
      } else if (arg.startsWith("--")) {
        System.err.println("load merge: unknown option " + arg);
        return 2;
      } else {
        inputs.add(Path.of(arg));
      }
    }
    if (inputs.isEmpty()) {
      System.err.println("usage: java -jar townhall-load.jar merge A.json B.json... [--out FILE] [--report DIR]");
      return 2;
    }
    try {
      ResultReport merged = null;
      for (Path input : inputs) {
        ResultReport one = ResultReport.fromJson(new JsonObject(Files.readString(input)));
        merged = merged == null ? one : merged.merge(one);
      }
      System.out.print(merged.text());
      if (merged.summary().run().processes().size() < merged.summary().run().processCount()) {
        System.err.println("load merge: only " + merged.summary().run().processes().size() + " of "
            + merged.summary().run().processCount() + " processes' results were given");
      }
      if (out != null) {
        Files.writeString(out, merged.json().encodePrettily() + "\n");
        System.err.println("load merge: result written to " + out);
      }
      if (report != null) {
        new HtmlReport(merged).write(report);
        System.err.println("load merge: report written to " + report.resolve("index.html"));
      }
      return merged.summary().problems().isEmpty() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("load merge: " + e.getMessage());
      return 1;
    }
  }
}
