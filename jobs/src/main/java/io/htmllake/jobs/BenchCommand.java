package io.htmllake.jobs;

import io.htmllake.parsers.ContentDecoding;
import io.htmllake.parsers.HtmlObjectReader;
import io.htmllake.parsers.JsonLinesReader;
import io.htmllake.parsers.ObjectKind;
import io.htmllake.parsers.PageParser;
import io.htmllake.parsers.RawRecord;
import io.htmllake.parsers.ReadItem;
import io.htmllake.parsers.WarcRecordReader;
import io.htmllake.schemas.Tables;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures, side by side in one run, the throughput of: jwarc's bare iteration over the WARC
 * files, a bare jsoup parse of every page, htmllake's parser alone, and the parse-pages job in
 * local mode, over the same local raw partition; when the partition has no WARC, again over the
 * same pages packed as one WARC it writes in a temporary directory. Prints MB/s and pages/s per
 * core, the ratios the performance goals are stated in, and the files each table was written as.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Throughput of bare jsoup, the parser alone and parse-pages end to end over the same local raw partition.")
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "<raw-dir>", description = "Local raw zone root.")
  Path input;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", converter = Converters.Date.class)
  LocalDate date;

  @Option(names = "--threads", defaultValue = "2", description = "Threads for the loops and cores for local[N] (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--repeat", defaultValue = "3", description = "Timed rounds per loop; the best round counts (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Path partition = input.resolve("dt=" + date);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(partition)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    boolean hasWarc = files.stream().anyMatch(f -> ObjectKind.of(f.getFileName().toString()) == ObjectKind.WARC);
    Path scratch = Files.createTempDirectory("htmllake-bench");
    try {
      out.printf("bench: %d threads, best of %d rounds; per core = throughput / threads%n", threads, repeat);
      Variant given = new Variant(hasWarc ? "given input (with WARC)" : "raw HTML files", input, files);
      List<Variant> variants = new ArrayList<>(List.of(given));
      if (!hasWarc) {
        variants.add(packAsWarc(given, scratch.resolve("warc-input")));
      }
      for (Variant v : variants) {
        measure(out, v, scratch);
      }
    } finally {
      deleteTree(scratch);
    }
    out.flush();
    return 0;
  }

  /** One input to time: its raw root, objects and the records they hold. */
  private record Variant(String name, Path root, List<Path> files) {}

  private void measure(java.io.PrintWriter out, Variant variant, Path scratch) throws Exception {
    List<RawRecord> records = new ArrayList<>();
    List<Path> warcs = new ArrayList<>();
    long rawBytes = 0;
    for (Path f : variant.files()) {
      rawBytes += Files.size(f);
      ObjectKind kind = ObjectKind.of(f.getFileName().toString());
      if (kind == ObjectKind.WARC) {
        warcs.add(f);
      }
      forEachRecord(f, kind, records::add);
    }
    long pageBytes = records.stream().mapToLong(r -> r.payload().length).sum();
    out.printf("%n== %s: %d objects (%.1f MB raw), %d pages (%.1f MB decoded)%n", variant.name(), variant.files().size(),
        rawBytes / 1e6, records.size(), pageBytes / 1e6);

    if (!warcs.isEmpty()) {
      long[] count = new long[1];
      double warcSeconds = best(() -> {
        count[0] = 0;
        for (Path w : warcs) {
          try (WarcReader reader = new WarcReader(w)) {
            reader.setLenient(true);
            for (WarcRecord r : reader) {
              r.body().consume();
              count[0]++;
            }
          } catch (IOException | RuntimeException e) {
            // a damaged file ends its iteration, as it does in the job
          }
        }
      });
      out.printf("  %-28s %9.0f records/s per core (%d records, 1 thread)%n", "jwarc bare iteration", count[0] / warcSeconds, count[0]);
    }

    double bare = parallel(records, r -> {
      try {
        Jsoup.parse(new ByteArrayInputStream(r.payload()), null, "https://example.com/");
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    ThreadLocal<PageParser> parsers = ThreadLocal.withInitial(PageParser::new);
    double full = parallel(records, r -> parsers.get().parse(r));
    report(out, "bare jsoup parse", records.size(), pageBytes, bare);
    report(out, "htmllake parser", records.size(), pageBytes, full);

    Path lake = Files.createTempDirectory(scratch, "lake");
    double job;
    RunResult[] last = new RunResult[1];
    try (SparkSessions.Owned spark = SparkSessions.open("bench")) {
      ParsePagesOptions options = new ParsePagesOptions(variant.root().toString(), date, lake.toString(), TableFormat.PARQUET,
          Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 1.0, false, List.of("bench"));
      ParsePagesJob.run(spark.session(), options); // warm-up
      job = best(() -> {
        try {
          last[0] = ParsePagesJob.run(spark.session(), options);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      String master = spark.session().sparkContext().master();
      report(out, "parse-pages job " + master, last[0].counts().pages(), pageBytes, job);
    }
    out.printf("  %-28s %9.0f records/s per core (%d records of every kind)%n", "parse-pages job records",
        last[0].counts().read() / job / threads, last[0].counts().read());
    out.printf("  ratios: parser / bare jsoup = %.2fx the time per page; job throughput / parser throughput = %.0f%%%n",
        full / bare, 100 * full / job);
    out.printf("  output (last round):%n");
    for (Map.Entry<String, String> table : last[0].locations().entrySet()) {
      long[] sizes = partFileSizes(table.getValue());
      long total = java.util.Arrays.stream(sizes).sum();
      out.printf("    %-16s %8d rows %4d files in dt=%s, mean file size %8.1f kB%n", table.getKey(),
          last[0].rowsWritten().getOrDefault(table.getKey(), 0L), sizes.length, date,
          sizes.length == 0 ? 0.0 : total / 1e3 / sizes.length);
    }
  }

  /** The same pages as gzipped WARC files (one response record each), to time the WARC path on the same bytes. */
  private Variant packAsWarc(Variant html, Path root) throws IOException {
    Path dir = root.resolve("dt=" + date);
    Files.createDirectories(dir);
    List<RawRecord> records = new ArrayList<>();
    for (Path f : html.files()) {
      forEachRecord(f, ObjectKind.of(f.getFileName().toString()), records::add);
    }
    // As many files as the job makes tasks for this many cores: one WARC would be one task on one core.
    int fileCount = Math.max(1, Math.min(records.size(), threads * SourcePlanner.TASKS_PER_CORE));
    List<Path> warcs = new ArrayList<>();
    int n = 0;
    for (int part = 0; part < fileCount; part++) {
      Path warc = dir.resolve(String.format("bench-%03d.warc.gz", part));
      warcs.add(warc);
      try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(warc, java.nio.file.StandardOpenOption.CREATE_NEW,
          java.nio.file.StandardOpenOption.WRITE); WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
        for (int i = (int) ((long) records.size() * part / fileCount); i < (long) records.size() * (part + 1) / fileCount; i++) {
          RawRecord r = records.get(i);
          byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + r.payload().length + "\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
          byte[] http = new byte[head.length + r.payload().length];
          System.arraycopy(head, 0, http, 0, head.length);
          System.arraycopy(r.payload(), 0, http, head.length, r.payload().length);
          writer.write(new WarcResponse.Builder(java.net.URI.create("https://bench.example/page/" + n++))
              .date(java.time.Instant.parse("2026-01-01T00:00:00Z"))
              .body(MediaType.HTTP_RESPONSE, http)
              .build());
        }
      }
    }
    return new Variant("same pages packed as " + fileCount + " WARC files (gzip per record)", root, warcs);
  }

  private static long[] partFileSizes(String partition) throws IOException {
    Path dir = Path.of(java.net.URI.create(partition.startsWith("file:") ? partition : "file://" + partition));
    if (!Files.isDirectory(dir)) {
      return new long[0];
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(f -> f.getFileName().toString().startsWith("part-")).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toArray();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void report(java.io.PrintWriter out, String name, long pages, long bytes, double seconds) {
    out.printf("  %-28s %9.1f MB/s per core %9.0f pages/s per core (%.2f s)%n", name, bytes / 1e6 / seconds / threads,
        pages / seconds / threads, seconds);
  }

  private double parallel(List<RawRecord> records, Consumer<RawRecord> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      return best(() -> {
        AtomicLong next = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(pool.submit(() -> {
            for (long i = next.getAndIncrement(); i < records.size(); i = next.getAndIncrement()) {
              work.accept(records.get((int) i));
            }
          }));
        }
        for (Future<?> f : futures) {
          try {
            f.get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      });
    } finally {
      pool.shutdownNow();
    }
  }

  private double best(Runnable round) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < Math.max(1, repeat); i++) {
      long t0 = System.nanoTime();
      round.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }

  private static void forEachRecord(Path f, ObjectKind kind, Consumer<RawRecord> sink) throws IOException {
    long max = ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES;
    String uri = f.toUri().toString();
    switch (kind) {
      case HTML -> {
        try (InputStream in = Files.newInputStream(f)) {
          emit(HtmlObjectReader.read(uri, in, null, null, max).iterator(), sink);
        }
      }
      case WARC -> {
        try (WarcRecordReader reader = new WarcRecordReader(uri, Files.newInputStream(f), max)) {
          emit(reader, sink);
        }
      }
      case JSONL -> {
        try (JsonLinesReader reader = new JsonLinesReader(uri, ContentDecoding.gunzipIfGzip(Files.newInputStream(f)), max)) {
          emit(reader, sink);
        }
      }
      default -> { }
    }
  }

  private static void emit(Iterator<ReadItem> items, Consumer<RawRecord> sink) {
    while (items.hasNext()) {
      if (items.next() instanceof RawRecord r) {
        sink.accept(r);
      }
    }
  }
}
