package io.htmllake.jobs;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * An S3 endpoint on loopback for tests and the S3 demo: S3Proxy run as its own JVM from its
 * {@code jar-with-dependencies} (in-process its Jackson and Jetty clash with Spark's), an in-memory
 * ("transient") blob store, a free port, and buckets created through the S3 API. The credentials
 * are fixed, local-only values for this server; they are handed to S3A as per-bucket settings so a
 * real AWS bucket in the same session keeps the default credential chain.
 */
public final class LocalS3Server implements AutoCloseable {

  public static final String ACCESS_KEY = "htmllake-local";
  public static final String SECRET_KEY = "htmllake-local-secret";
  /** System property naming the S3Proxy jar (the build copies it to target/s3proxy/s3proxy.jar). */
  public static final String JAR_PROPERTY = "htmllake.s3proxy.jar";

  private final Process process;
  private final Path workDir;
  private final URI endpoint;

  private LocalS3Server(Process process, Path workDir, URI endpoint) {
    this.process = process;
    this.workDir = workDir;
    this.endpoint = endpoint;
  }

  /** Starts S3Proxy and waits (up to a minute) until it answers HTTP. */
  public static LocalS3Server start() throws IOException {
    File jar = jar();
    int port = freePort();
    Path dir = Files.createTempDirectory("htmllake-s3proxy");
    Path properties = dir.resolve("s3proxy.properties");
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        ""), StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-DLOG_LEVEL=warn", "-jar", jar.getAbsolutePath(),
        "--properties", properties.toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("s3proxy.log").toFile())
        .start();
    LocalS3Server server = new LocalS3Server(process, dir, endpoint);
    try {
      server.awaitReady(Duration.ofMinutes(1));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static File jar() {
    String configured = System.getProperty(JAR_PROPERTY);
    File jar = configured != null ? new File(configured) : new File(System.getProperty("htmllake.home", "."), "target/s3proxy/s3proxy.jar");
    if (!jar.isFile()) {
      throw new IllegalStateException("Cannot start S3Proxy: no jar at " + jar
          + " (the build copies it there: mvn process-resources; or set -D" + JAR_PROPERTY + ")");
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Cannot start S3Proxy: it exited with " + process.exitValue() + "; see " + log());
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        c.getResponseCode(); // any HTTP answer (403 without credentials) means it is up
        c.disconnect();
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    throw new IOException("Cannot start S3Proxy: no answer on " + endpoint + " within " + timeout + "; see " + log());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for S3Proxy", e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path log() {
    return workDir.resolve("s3proxy.log");
  }

  /** An S3 client (AWS SDK v1, as bundled with hadoop-aws 3.3.4) for this server. */
  public AmazonS3 client() {
    return client(endpoint);
  }

  static AmazonS3 client(URI endpoint) {
    return AmazonS3ClientBuilder.standard()
        .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint.toString(), "us-east-1"))
        .withPathStyleAccessEnabled(true)
        .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  /** Creates the bucket (through the S3 API) unless it exists. */
  public void createBucket(String bucket) {
    AmazonS3 s3 = client();
    try {
      if (!s3.doesBucketExistV2(bucket)) {
        s3.createBucket(bucket);
      }
    } finally {
      s3.shutdown();
    }
  }

  /** S3A settings that send {@code s3a://<bucket>/} to this server, keyed per bucket. */
  public Map<String, String> s3aSettings(String bucket) {
    return s3aSettings(bucket, endpoint);
  }

  /** The same settings pointing at another endpoint, e.g. a proxy in front of this server. */
  public static Map<String, String> s3aSettings(String bucket, URI endpoint) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    Map<String, String> s = new LinkedHashMap<>();
    s.put(prefix + "endpoint", endpoint.toString());
    s.put(prefix + "endpoint.region", "us-east-1");
    s.put(prefix + "path.style.access", "true");
    s.put(prefix + "connection.ssl.enabled", "false");
    s.put(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put(prefix + "access.key", ACCESS_KEY);
    s.put(prefix + "secret.key", SECRET_KEY);
    return s;
  }

  public static void apply(Configuration conf, Map<String, String> settings) {
    settings.forEach(conf::set);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(workDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove " + workDir, e);
    }
  }
}
