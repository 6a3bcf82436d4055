package io.syncline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule: shell → session → formats, sql, state → core. Nothing points back; core
 * imports only the JDK, and its packed storage ({@code core.internal}) stays inside it; only the
 * sql gateway begins, commits or rolls back a transaction.
 */
class ArchitectureTest {
  static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.syncline");
  }

  @Test
  void coreImportsOnlyTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.syncline.core..")
        .should()
        .onlyDependOnClassesThat()
        // javax.crypto is part of java.base, like java..: the masks' HMAC needs it.
        .resideInAnyPackage("io.syncline.core..", "java..", "javax.crypto..")
        .check(classes);
  }

  @Test
  void onlyCoreKnowsItsPackedStorage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.syncline.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.syncline.core.internal..")
        .check(classes);
  }

  @Test
  void onlyTheShellKnowsSpring() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.syncline.shell..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..")
        .check(classes);
  }

  @Test
  void adaptersDoNotKnowEachOtherOrTheirCallers() {
    noClasses()
        .that()
        .resideInAPackage("io.syncline.formats..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.syncline.sql..", "io.syncline.state..", "io.syncline.session..", "java.sql..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.syncline.sql..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.syncline.formats..",
            "io.syncline.state..",
            "io.syncline.session..",
            "io.syncline.shell..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.syncline.state..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.syncline.formats..", "io.syncline.session..", "io.syncline.shell..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.syncline.session..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.syncline.shell..", "java.sql..")
        .check(classes);
  }

  @Test
  void onlyTheDatabaseGatewayEndsTransactions() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.syncline.sql..")
        .should()
        .callMethod(java.sql.Connection.class, "commit")
        .orShould()
        .callMethod(java.sql.Connection.class, "rollback")
        .orShould()
        .callMethod(java.sql.Connection.class, "setAutoCommit", boolean.class)
        .check(classes);
  }
}
