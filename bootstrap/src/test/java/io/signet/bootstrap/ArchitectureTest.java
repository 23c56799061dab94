package io.signet.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the module boundaries cannot enforce on their own (HOUSE-STYLE rules 1, 2, 6, 11). */
class ArchitectureTest {
  private static final String[] CORE = {"io.signet.domain..", "io.signet.application.."};
  private static JavaClasses classes;

  @BeforeAll
  static void importSignet() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.signet");
  }

  @Test
  void coreIsFrameworkFree() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..", "jakarta..", "javax.inject..", "lombok..", "io.vavr..", "org.slf4j..")
        .check(classes);
  }

  @Test
  void coreNeverReadsTheSystemClock() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .callMethod(Instant.class, "now")
        .orShould()
        .callMethod(LocalDateTime.class, "now")
        .orShould()
        .callMethod(OffsetDateTime.class, "now")
        .orShould()
        .callMethod(ZonedDateTime.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .check(classes);
  }

  @Test
  void coreKnowsNoAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage(CORE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.signet.adapter..", "io.signet.bootstrap..")
        .check(classes);
  }

  @Test
  void adaptersDoNotKnowEachOther() {
    for (String adapter : new String[] {"rest", "pkcs11", "persistence"}) {
      noClasses()
          .that()
          .resideInAPackage("io.signet.adapter." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              java.util.Arrays.stream(new String[] {"rest", "pkcs11", "persistence"})
                  .filter(other -> !other.equals(adapter))
                  .map(other -> "io.signet.adapter." + other + "..")
                  .toArray(String[]::new))
          .check(classes);
    }
  }

  @Test
  void controllersCallUseCasesNeverPorts() {
    noClasses()
        .that()
        .resideInAPackage("io.signet.adapter.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.signet.application.port..")
        .check(classes);
  }

  @Test
  void useCasesAreFinalAndUnannotated() {
    classes()
        .that()
        .resideInAPackage("io.signet.application")
        .and()
        .areTopLevelClasses()
        .and()
        .areNotInterfaces()
        .and()
        .doNotHaveSimpleName("StartupFailure")
        .should()
        .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
        .andShould()
        .notBeAnnotatedWith(jakarta.inject.Singleton.class)
        .check(classes);
  }

  @Test
  void controllersAndFiltersArePackagePrivate() {
    classes()
        .that()
        .resideInAPackage("io.signet.adapter.rest")
        .and()
        .haveSimpleNameEndingWith("Controller")
        .or()
        .haveSimpleNameEndingWith("Filter")
        .should()
        .notBePublic()
        .check(classes);
  }
}
