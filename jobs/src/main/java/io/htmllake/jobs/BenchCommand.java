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
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures, side by side in one run, the throughput of: jwarc's bare iteration over the WARC
 * files, a bare jsoup parse of every page, htmllake's parser alone, and the parse-pages job in
 * local mode, over the same local raw partition. Prints MB/s and pages/s per core and the ratios
 * the performance goals are stated in.
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
    List<RawRecord> records = new ArrayList<>();
    List<Path> warcs = new ArrayList<>();
    long rawBytes = 0;
    for (Path f : files) {
      rawBytes += Files.size(f);
      ObjectKind kind = ObjectKind.of(f.getFileName().toString());
      if (kind == ObjectKind.WARC) {
        warcs.add(f);
      }
      forEachRecord(f, kind, records::add);
    }
    long pageBytes = records.stream().mapToLong(r -> r.payload().length).sum();
    out.printf("bench: %d objects (%.1f MB raw), %d pages (%.1f MB decoded), %d threads, best of %d%n", files.size(),
        rawBytes / 1e6, records.size(), pageBytes / 1e6, threads, repeat);

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

    Path lake = Files.createTempDirectory("htmllake-bench-lake");
    double job;
    RunResult[] last = new RunResult[1];
    try (SparkSessions.Owned spark = SparkSessions.open("bench")) {
      ParsePagesOptions options = new ParsePagesOptions(input.toString(), date, lake.toString(), TableFormat.PARQUET,
          Tables.PARSE_PAGES, ParsePagesOptions.DEFAULT_MAX_PAGE_BYTES, 1.0, false, List.of("bench"));
      ParsePagesJob.run(spark.session(), options); // warm-up
      job = best(() -> {
        try {
          last[0] = ParsePagesJob.run(spark.session(), options);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
    }
    report(out, "parse-pages job local[" + threads + "]", last[0].counts().pages(), pageBytes, job);
    out.printf("  %-28s %9.0f records/s per core (%d records of every kind)%n", "parse-pages job records", last[0].counts().read() / job / threads,
        last[0].counts().read());
    out.printf("  ratios: parser / bare jsoup = %.2fx the time; job throughput / parser throughput = %.0f%%%n", full / bare,
        100 * full / job);
    out.flush();
    return 0;
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
