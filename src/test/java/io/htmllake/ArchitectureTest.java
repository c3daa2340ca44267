package io.htmllake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: jobs uses parsers and schemas; parsers knows neither Spark nor schemas; schemas knows only Spark types. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.htmllake");
  }

  @Test
  void parsersKnowNeitherSparkNorSchemasNorJobs() {
    noClasses().that().resideInAPackage("io.htmllake.parsers..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..",
            "io.htmllake.schemas..", "io.htmllake.jobs..")
        .because("parsers are plain Java: bytes and metadata in, records out")
        .check(classes);
  }

  @Test
  void schemasKnowOnlySparkTypes() {
    noClasses().that().resideInAPackage("io.htmllake.schemas..")
        .should().dependOnClassesThat().resideInAnyPackage("io.htmllake.parsers..", "io.htmllake.jobs..")
        .check(classes);
    classes().that().resideInAPackage("io.htmllake.schemas..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "scala..", "io.htmllake.schemas..",
            "org.apache.spark.sql.types..")
        .because("a table definition is column names and Spark types, nothing else")
        .check(classes);
  }
}
