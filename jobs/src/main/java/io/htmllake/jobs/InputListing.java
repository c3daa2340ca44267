package io.htmllake.jobs;

import io.htmllake.parsers.ObjectKind;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists a raw partition once (a recursive listing, which S3A turns into paged LIST calls) and pairs
 * each page object with its sidecar. Per-object work happens on executors, not here.
 */
final class InputListing {

  /** The objects to read, plus counts and bytes of what the listing saw by kind. */
  record Listing(List<SourceObject> objects, long bytes, Map<String, Long> objectsByKind, Map<String, Long> bytesByKind) {
    Listing(List<SourceObject> objects, long bytes, Map<String, Long> objectsByKind) {
      this(objects, bytes, objectsByKind, Map.of());
    }

    /** The listing as a run manifest's {@code input}: the partition, objects and bytes, in total and by kind. */
    Map<String, Object> describe(String partition) {
      Map<String, Object> input = new java.util.LinkedHashMap<>();
      input.put("partition", partition);
      input.put("objects", objectsByKind.values().stream().mapToLong(Long::longValue).sum());
      input.put("bytes", bytes);
      input.put("objects_by_kind", objectsByKind);
      input.put("bytes_by_kind", bytesByKind);
      return input;
    }
  }

  private InputListing() {}

  /** @throws JobException with exit code 4 when the partition is missing or holds no objects */
  static Listing list(Configuration conf, String partition) throws IOException {
    Path root = new Path(partition);
    FileSystem fs = root.getFileSystem(conf);
    Map<String, Long> sizes = new TreeMap<>();
    try {
      if ("file".equals(fs.getScheme())) {
        walkLocal(fs, root, sizes);
      } else {
        // One flat, paged LIST of the whole prefix on object stores.
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
          add(files.next(), sizes);
        }
      }
    } catch (FileNotFoundException e) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot read input: partition does not exist (" + partition + ")");
    }
    if (sizes.isEmpty()) {
      throw new JobException(ExitCode.NO_INPUT, "Cannot read input: partition is empty (" + partition + ")");
    }
    return pair(sizes);
  }

  /**
   * Local directories are walked with plain listStatus: listFiles builds LocatedFileStatus objects,
   * which on the local file system shell out to read each file's permissions (seconds per thousand files).
   */
  private static void walkLocal(FileSystem fs, Path dir, Map<String, Long> sizes) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.isDirectory()) {
        walkLocal(fs, status.getPath(), sizes);
      } else {
        add(status, sizes);
      }
    }
  }

  private static void add(FileStatus status, Map<String, Long> sizes) {
    if (!ObjectKind.isHidden(status.getPath().getName())) {
      sizes.put(status.getPath().toString(), status.getLen());
    }
  }

  /** Pairs {@code x.html.meta.json} with {@code x.html}; a sidecar without its page becomes an object of its own. */
  static Listing pair(Map<String, Long> sizes) {
    List<SourceObject> objects = new ArrayList<>();
    Map<String, Long> byKind = new TreeMap<>();
    Map<String, Long> bytesByKind = new TreeMap<>();
    Map<String, String> sidecarOf = new HashMap<>();
    Set<String> paired = new HashSet<>();
    long bytes = 0;
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      bytes += e.getValue();
      ObjectKind kind = ObjectKind.of(e.getKey());
      if (kind == ObjectKind.SIDECAR) {
        String page = ObjectKind.pageOfSidecar(e.getKey());
        if (sizes.containsKey(page) && ObjectKind.of(page) == ObjectKind.HTML) {
          sidecarOf.put(page, e.getKey());
          paired.add(e.getKey());
        }
      }
    }
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      String uri = e.getKey();
      ObjectKind kind = ObjectKind.of(uri);
      byKind.merge(kind.name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
      bytesByKind.merge(kind.name().toLowerCase(java.util.Locale.ROOT), e.getValue(), Long::sum);
      if (kind == ObjectKind.SIDECAR && paired.contains(uri)) {
        continue; // read together with its page
      }
      objects.add(new SourceObject(uri, e.getValue(), kind, sidecarOf.get(uri)));
    }
    return new Listing(Collections.unmodifiableList(objects), bytes, Collections.unmodifiableMap(byKind),
        Collections.unmodifiableMap(bytesByKind));
  }
}
