package io.htmllake.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reading run manifests back: the latest run of each date of a job under {@code <lake>/_runs/<job>/},
 * and typed access to their members (manifests are read as plain JSON maps, so older manifests
 * without a member read as empty rather than failing).
 */
final class Manifests {

  private Manifests() {}

  /** A manifest and where it was read from. */
  record Run(String uri, Map<String, Object> manifest) {
    String date() {
      return String.valueOf(manifest.get("date"));
    }
  }

  static String runsDir(String lake, String job) {
    return Paths.join(lake, "_runs", job);
  }

  /**
   * The latest run (largest run id, which starts with its start time) of each date up to and
   * including {@code until}, oldest date first.
   */
  static List<Run> latestPerDate(Configuration conf, String lake, String job, String until) throws IOException {
    Path runs = new Path(runsDir(lake, job));
    FileSystem fs = runs.getFileSystem(conf);
    FileStatus[] files;
    try {
      files = fs.globStatus(new Path(runs, "dt=*/*.json"));
    } catch (FileNotFoundException e) {
      files = null;
    }
    Map<String, Path> latest = new TreeMap<>();
    if (files != null) {
      for (FileStatus f : files) {
        String date = f.getPath().getParent().getName().substring("dt=".length());
        if (date.compareTo(until) > 0) {
          continue;
        }
        Path seen = latest.get(date);
        if (seen == null || f.getPath().getName().compareTo(seen.getName()) > 0) {
          latest.put(date, f.getPath());
        }
      }
    }
    List<Run> out = new ArrayList<>();
    for (Path p : latest.values()) {
      out.add(new Run(p.toString(), RunManifest.read(conf, p.toString())));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  static long number(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Number n ? n.longValue() : 0;
  }

  static double decimal(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Number n ? n.doubleValue() : 0;
  }

  /** quarantined / (pages + quarantined), as the quality gate computes it; 0 when there were neither. */
  static double quarantineRatio(Map<String, Object> manifest) {
    Map<String, Object> records = map(manifest, "records");
    long quarantined = number(records, "quarantined");
    long candidates = number(records, "pages") + quarantined;
    return candidates == 0 ? 0 : (double) quarantined / candidates;
  }
}
