package io.htmllake.jobs.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** spark-submit command lines as Spark's own option parser reads them. */
class SubmitArgumentsTest {

  @Test
  void readsOptionsConfPrimaryResourceAndApplicationArguments() {
    SubmitArguments a = SubmitArguments.parse(List.of("--master", "yarn", "--deploy-mode", "cluster", "--class", "a.B",
        "--conf", "spark.x=1", "--conf=spark.y=a=b", "--driver-memory", "4g", "--verbose", "s3://b/app.jar",
        "--input", "s3://b/raw", "--conf", "not-for-spark"));
    assertEquals("yarn", a.master());
    assertEquals("cluster", a.deployMode());
    assertEquals("a.B", a.mainClass());
    assertEquals(Map.of("spark.x", "1", "spark.y", "a=b"), a.conf());
    assertEquals(Map.of("--driver-memory", "4g", "--verbose", ""), a.otherOptions());
    assertEquals("s3://b/app.jar", a.primaryResource());
    // Everything after the jar belongs to the application, options included.
    assertEquals(List.of("--input", "s3://b/raw", "--conf", "not-for-spark"), a.appArgs());
  }

  @Test
  void aRepeatedConfKeepsTheLastValue() {
    assertEquals(Map.of("spark.x", "2"), SubmitArguments.parse(List.of("--conf", "spark.x=1", "--conf", "spark.x=2", "app.jar")).conf());
  }

  @Test
  void noClassIsNull() {
    assertNull(SubmitArguments.parse(List.of("app.jar")).mainClass());
  }

  @Test
  void anUnknownOptionIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SubmitArguments.parse(List.of("--clas", "a.B", "app.jar")));
    assertTrue(e.getMessage().contains("'--clas'"), e.getMessage());
  }

  @Test
  void anOptionWithoutItsValueIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubmitArguments.parse(List.of("--class")));
    assertTrue(e.getMessage().contains("--class"), e.getMessage());
  }

  @Test
  void confWithoutEqualsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SubmitArguments.parse(List.of("--conf", "spark.x", "app.jar")));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }

  @Test
  void aBadDeployModeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SubmitArguments.parse(List.of("--deploy-mode", "clustr", "app.jar")));
  }

  @Test
  void noApplicationJarIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SubmitArguments.parse(List.of("--class", "a.B")));
    assertTrue(e.getMessage().contains("no application jar"), e.getMessage());
  }
}
