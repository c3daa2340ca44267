package io.htmllake.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled sample crawl is exactly what the project's generator writes, so nobody edits it by hand or drops foreign pages into it. */
class SampleCrawlTest {

  @Test
  void committedSampleEqualsGeneratorOutput() throws IOException {
    Path root = Path.of("sample-crawl");
    Map<String, byte[]> generated = SampleCrawlGenerator.generate();
    TreeSet<String> onDisk;
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(generated.keySet()), onDisk,
        "sample-crawl/ differs from SampleCrawlGenerator; regenerate it (see sample-crawl/README.md)");
    for (Map.Entry<String, byte[]> e : generated.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(root.resolve(e.getKey())), e.getKey());
    }
  }
}
