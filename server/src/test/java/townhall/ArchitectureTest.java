package townhall;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of the server: domain is pure, Lettuce lives only in the Redis adapters, services and protocol
 * know nothing of transports or storage, and only the wiring names an adapter.
 */
class ArchitectureTest {
  private static final String[] ADAPTERS = {"..store.redis..", "..bus.redis..", "..store.pg..", "..mail.smtp..",
      "..similar.lucene.."};
  /** The PostgreSQL clients: reactive, JDBC (migrations), Flyway and the embedded server. */
  private static final String[] POSTGRES_CLIENTS = {"io.vertx.pgclient..", "io.vertx.sqlclient..", "org.postgresql..",
      "org.flywaydb..", "io.zonky.."};

  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("townhall");
  }

  @Test
  void domainDependsOnNothingOfOursOutsideDomain() {
    noClasses().that().resideInAPackage("townhall.domain..")
        .should().dependOnClassesThat(resideInAPackage("townhall..").and(not(resideInAPackage("townhall.domain.."))))
        .check(classes);
  }

  @Test
  void domainDependsOnNoVertxLettuceOrEmbeddedRedis() {
    noClasses().that().resideInAPackage("townhall.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.lettuce..", "redis.embedded..")
        .check(classes);
  }

  @Test
  void onlyTheRedisAdaptersUseLettuce() {
    noClasses().that().resideOutsideOfPackages("townhall.store.redis..", "townhall.bus.redis..")
        .should().dependOnClassesThat().resideInAPackage("io.lettuce..")
        .check(classes);
  }

  @Test
  void onlyThePostgresAdapterUsesAPostgresClient() {
    noClasses().that().resideOutsideOfPackages("townhall.store.pg..")
        .should().dependOnClassesThat().resideInAnyPackage(POSTGRES_CLIENTS)
        .check(classes);
  }

  @Test
  void onlyTheSmtpAdapterUsesTheMailClient() {
    noClasses().that().resideOutsideOfPackages("townhall.mail.smtp..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.mail..")
        .check(classes);
  }

  @Test
  void onlyTheSimilarQuestionsAdapterUsesLucene() {
    noClasses().that().resideOutsideOfPackages("townhall.similar.lucene..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "com.ibm.icu..")
        .check(classes);
  }

  @Test
  void servicesKnowNothingOfLettuceTransportsOrJson() {
    noClasses().that().resideInAPackage("townhall.service..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lettuce..", "townhall.ws..", "townhall.http..", "io.vertx.core.json..", "io.vertx.ext.web..")
        .check(classes);
  }

  @Test
  void protocolKnowsNothingOfLettuceStorageOrTransports() {
    noClasses().that().resideInAPackage("townhall.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.lettuce..", "townhall.store..", "townhall.ws..", "townhall.http..")
        .check(classes);
  }

  @Test
  void onlyTheWiringNamesAnAdapter() {
    noClasses().that(not(resideInAnyPackage(ADAPTERS)).and(not(wiring())))
        .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
        .check(classes);
  }

  @Test
  void storeAdapterDoesNotDependOnTheBusAdapter() {
    noClasses().that().resideInAPackage("townhall.store.redis..")
        .should().dependOnClassesThat().resideInAPackage("townhall.bus.redis..")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("townhall.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void onlyDeliveryReadsTheEventLogAndThePresenceStore() {
    noClasses().that(not(resideInAnyPackage("townhall.delivery..", "townhall.store..")).and(not(wiring())))
        .should().dependOnClassesThat().haveFullyQualifiedName("townhall.store.EventLog")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("townhall.store.PresenceStore")
        .check(classes);
  }

  @Test
  void transportsDoNotReachIntoDelivery() {
    noClasses().that().resideInAnyPackage("townhall.delivery..")
        .should().dependOnClassesThat().resideInAnyPackage("townhall.ws..", "townhall.http..", "townhall.server..")
        .check(classes);
  }

  /** {@code townhall.Main} and {@code townhall.TownhallNode}, with their nested and anonymous classes. */
  private static DescribedPredicate<JavaClass> wiring() {
    return DescribedPredicate.describe("townhall.Main or townhall.TownhallNode", c -> {
      String name = c.getName();
      return name.equals("townhall.Main") || name.startsWith("townhall.Main$")
          || name.equals("townhall.TownhallNode") || name.startsWith("townhall.TownhallNode$");
    });
  }
}
