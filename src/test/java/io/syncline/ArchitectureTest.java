package io.syncline;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.Connection;
import java.sql.Savepoint;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule: shell → session → formats, sql, state, calendar → core, with runtime
 * (threads, crash points) beside core. Nothing points back; core and runtime import only the JDK;
 * core starts no thread, and its packed storage ({@code core.internal}) stays inside it; only the
 * sql package switches auto-commit, and only its {@code Transaction} commits or rolls back.
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

  /**
   * Core holds values and the rules over them: threads and the end of the process belong to {@code
   * runtime} ({@code Background}, {@code Crash}), where the adapters that need them find them.
   */
  @Test
  void coreStartsNoThreadsAndStopsNoProcess() {
    noClasses()
        .that()
        .resideInAPackage("io.syncline.core..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            Executor.class,
            ExecutorService.class,
            Executors.class,
            ThreadFactory.class,
            ForkJoinPool.class)
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(Thread.class))))
        .orShould()
        .callMethod(Runtime.class, "halt", int.class)
        .orShould()
        .callMethod(Runtime.class, "exit", int.class)
        .orShould()
        .callMethod(System.class, "exit", int.class)
        .check(classes);
  }

  /**
   * The shell renders what the session's verbs return: it never reaches past the session into the
   * adapters' own types, so an adapter can change without the commands noticing.
   */
  @Test
  void shellStaysOffTheAdapters() {
    noClasses()
        .that()
        .resideInAPackage("io.syncline.shell..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.syncline.sql..",
            "io.syncline.state..",
            "io.syncline.formats..",
            "io.syncline.calendar..")
        .check(classes);
  }

  /**
   * Holidays come from a library, behind core's {@code WorkingDays} port: core plans dates without
   * knowing the adapter or Jollyday, and the adapter knows only core and its library.
   */
  @Test
  void theCalendarIsAnAdapterBehindCoresWorkingDays() {
    noClasses()
        .that()
        .resideInAPackage("io.syncline.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.syncline.calendar..", "de.focus_shift..")
        .check(classes);
    classes()
        .that()
        .resideInAPackage("io.syncline.calendar..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.syncline.calendar..", "io.syncline.core..", "de.focus_shift..", "java..")
        .check(classes);
  }

  @Test
  void runtimeImportsOnlyTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.syncline.runtime..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.syncline.runtime..", "java..")
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
  void onlyTheSqlPackageSwitchesAutoCommit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.syncline.sql..")
        .should()
        .callMethod(Connection.class, "setAutoCommit", boolean.class)
        .check(classes);
  }

  /**
   * Every transaction ends in {@code io.syncline.sql.Transaction}: what a failed commit or rollback
   * leaves is decided in one place, for apply, copy, {@code sql} and the reads alike.
   */
  @Test
  void onlyTransactionCommitsOrRollsBack() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.syncline.sql.Transaction")
        .should()
        .callMethod(Connection.class, "commit")
        .orShould()
        .callMethod(Connection.class, "rollback")
        .orShould()
        .callMethod(Connection.class, "rollback", Savepoint.class)
        .check(classes);
  }
}
