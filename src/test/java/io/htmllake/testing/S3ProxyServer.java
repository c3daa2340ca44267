package io.htmllake.testing;

import com.amazonaws.services.s3.AmazonS3;
import io.htmllake.jobs.LocalS3Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * The one S3Proxy of the test JVM (started on first use, stopped when the JVM exits), with one bucket
 * whose S3A settings are applied to the shared session. Tests keep apart by key prefix
 * ({@link #newPrefix}), not by bucket.
 */
public final class S3ProxyServer {

  public static final String BUCKET = "htmllake-test";

  private static LocalS3Server server;

  private S3ProxyServer() {}

  public static synchronized LocalS3Server get() {
    if (server == null) {
      try {
        server = LocalS3Server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-s3proxy"));
      server.createBucket(BUCKET);
      LocalS3Server.apply(SharedSpark.get().sparkContext().hadoopConfiguration(), server.s3aSettings(BUCKET));
    }
    return server;
  }

  /** A fresh {@code s3a://<bucket>/<name>-<random>} root for one test. */
  public static String newPrefix(String name) {
    get();
    return "s3a://" + BUCKET + "/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** S3A settings for the test bucket, as -D system properties for a job run in another JVM. */
  public static Map<String, String> sparkHadoopSettings(URI endpoint) {
    Map<String, String> props = new LinkedHashMap<>();
    LocalS3Server.s3aSettings(BUCKET, endpoint).forEach((k, v) -> props.put("spark.hadoop." + k, v));
    return props;
  }

  /** Uploads every file under {@code local} to {@code s3aRoot} with the same relative keys, through the S3 API. */
  public static int upload(Path local, String s3aRoot) {
    URI root = URI.create(s3aRoot);
    String prefix = root.getPath().replaceFirst("^/", "");
    AmazonS3 s3 = get().client();
    try (Stream<Path> files = Files.walk(local)) {
      int[] n = {0};
      files.filter(Files::isRegularFile).forEach(f -> {
        String key = prefix + "/" + local.relativize(f).toString().replace('\\', '/');
        s3.putObject(root.getHost(), key, f.toFile());
        n[0]++;
      });
      return n[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      s3.shutdown();
    }
  }

  public static Configuration hadoopConf() {
    get();
    return SharedSpark.get().sparkContext().hadoopConfiguration();
  }
}
