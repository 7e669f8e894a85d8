package townhall.store.pg;

import io.vertx.pgclient.PgConnectOptions;
import java.util.Properties;

/** {@code DATABASE_URL} ({@code postgresql://user:password@host:port/database?...}) for each client that needs it. */
final class PgUrls {
  private PgUrls() {
  }

  static PgConnectOptions reactive(String url) {
    return PgConnectOptions.fromUri(normalized(url));
  }

  /** The same server for Flyway's JDBC connection: a {@code jdbc:} URL, and the credentials as properties. */
  static String jdbc(String url) {
    PgConnectOptions options = reactive(url);
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase()
        + (options.getSslMode() == null ? "" : "?sslmode=" + options.getSslMode().name().toLowerCase(
            java.util.Locale.ROOT).replace('_', '-'));
  }

  static Properties credentials(String url) {
    PgConnectOptions options = reactive(url);
    Properties properties = new Properties();
    properties.setProperty("user", options.getUser());
    if (options.getPassword() != null) {
      properties.setProperty("password", options.getPassword());
    }
    return properties;
  }

  private static String normalized(String url) {
    return url.startsWith("postgres://") ? "postgresql://" + url.substring("postgres://".length()) : url;
  }
}
