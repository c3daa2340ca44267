package io.htmllake.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Keeps two runs of the same job and date from writing at once (e.g. a scheduler retry while the
 * first attempt still runs): a lease object {@code <output>/_runs/<job>/dt=<date>/_lease.json} naming
 * the run, renewed by a heartbeat and valid until its {@code expires_at}. A second run that finds a
 * live lease is refused with exit code 5 before it reads or writes anything; a lease whose holder
 * died without releasing it expires after the TTL and is then taken over.
 *
 * <p>How strong this is depends on the store. On HDFS, creating the lease is atomic. On S3 through
 * S3A 3.3.4 (no conditional PUT), and on local disks, "create unless it exists" is a check followed
 * by a write, so the lease is re-read after a settling pause and the run goes on only if it still
 * names this run: runs that start minutes apart (the scheduler-retry case) are always kept apart,
 * while two started within the same second can, rarely, both pass. A run also re-checks the lease
 * before each table it writes and gives up (exit 5) if another run has taken it.
 */
final class RunLease implements AutoCloseable {

  static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  static final String FILE = "_lease.json";
  private static final Duration SETTLE = Duration.ofMillis(300);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path path;
  private final String job;
  private final LocalDate date;
  private final String runId;
  private final Duration ttl;
  private final Instant started = Instant.now();
  private final ScheduledExecutorService heartbeat;
  private volatile String lostTo;

  private RunLease(FileSystem fs, Path path, String job, LocalDate date, String runId, Duration ttl) {
    this.fs = fs;
    this.path = path;
    this.job = job;
    this.date = date;
    this.runId = runId;
    this.ttl = ttl;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "htmllake-lease-" + runId);
      t.setDaemon(true);
      return t;
    });
  }

  static String path(String output, String job, LocalDate date) {
    return Paths.join(output, "_runs", job, "dt=" + date, FILE);
  }

  /**
   * Takes the lease for the job and date, or refuses.
   *
   * @throws JobException with exit code 5 when another run holds a live lease
   */
  static RunLease acquire(Configuration conf, String output, String job, LocalDate date, String runId, Duration ttl)
      throws IOException {
    Path path = new Path(path(output, job, date));
    FileSystem fs = path.getFileSystem(conf);
    fs.setWriteChecksum(false);
    RunLease lease = new RunLease(fs, path, job, date, runId, ttl);
    Holder current = lease.readHolder();
    if (current != null && !current.runId().equals(runId) && current.expiresAt().isAfter(Instant.now())) {
      throw lease.refusal(current);
    }
    try {
      lease.write(current != null); // a stale lease (holder gone, lease expired) is overwritten
    } catch (FileAlreadyExistsException e) {
      Holder winner = lease.readHolder();
      throw lease.refusal(winner != null ? winner : new Holder("unknown", Instant.now(), Instant.now().plus(ttl)));
    }
    pause(SETTLE);
    Holder after = lease.readHolder();
    if (after == null || !after.runId().equals(runId)) {
      throw lease.refusal(after != null ? after : new Holder("unknown", Instant.now(), Instant.now().plus(ttl)));
    }
    long every = Math.max(1, ttl.toMillis() / 4);
    lease.heartbeat.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
    return lease;
  }

  /** @throws JobException with exit code 5 when another run has taken the lease since */
  void check() {
    if (lostTo != null) {
      throw new JobException(ExitCode.CONCURRENT_RUN, "Cannot go on with " + job + " for " + date + ": run " + lostTo
          + " took over the lease " + path + " while this run (" + runId + ") was writing; this run's output for the date"
          + " may be mixed with it, so rerun the date once that run has ended");
    }
    try {
      Holder now = readHolder();
      if (now != null && !now.runId().equals(runId)) {
        lostTo = now.runId();
        check();
      }
    } catch (IOException e) {
      // a failed read is no evidence of another run; the heartbeat keeps trying
    }
  }

  String path() {
    return path.toString();
  }

  private void renew() {
    try {
      Holder now = readHolder();
      if (now != null && !now.runId().equals(runId)) {
        lostTo = now.runId();
        return;
      }
      write(true);
    } catch (IOException | RuntimeException e) {
      // the next beat retries; the lease only lapses after the whole TTL without a beat
    }
  }

  private JobException refusal(Holder holder) {
    return new JobException(ExitCode.CONCURRENT_RUN, "Cannot run " + job + " for " + date + ": run " + holder.runId()
        + " is writing the same date (lease " + path + ", last heartbeat " + holder.heartbeatAt() + ", valid until "
        + holder.expiresAt() + "); wait for it to end, or, if it is dead, delete the lease or wait until it expires");
  }

  private void write(boolean overwrite) throws IOException {
    Instant now = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    body.put("job", job);
    body.put("date", date.toString());
    body.put("host", host());
    body.put("pid", ProcessHandle.current().pid());
    body.put("jvm", ManagementFactory.getRuntimeMXBean().getName());
    body.put("started_at", started.toString());
    body.put("heartbeat_at", now.toString());
    body.put("expires_at", now.plus(ttl).toString());
    try (OutputStream out = fs.create(path, overwrite)) {
      out.write(JSON.writeValueAsBytes(body));
    }
  }

  /** The lease's holder, or null when there is none. A lease that cannot be parsed counts from its file time. */
  private Holder readHolder() throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
    try (InputStream in = fs.open(path)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> body = JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
      return new Holder(String.valueOf(body.get("run_id")), Instant.parse(String.valueOf(body.get("heartbeat_at"))),
          Instant.parse(String.valueOf(body.get("expires_at"))));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      Instant written = Instant.ofEpochMilli(status.getModificationTime());
      return new Holder("unknown (unreadable lease)", written, written.plus(ttl));
    }
  }

  /** Stops the heartbeat and removes the lease if it is still this run's. */
  @Override
  public void close() throws IOException {
    heartbeat.shutdownNow();
    Holder now = readHolder();
    if (now != null && now.runId().equals(runId)) {
      fs.delete(path, false);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while taking the run lease", e);
    }
  }

  private record Holder(String runId, Instant heartbeatAt, Instant expiresAt) {}
}
