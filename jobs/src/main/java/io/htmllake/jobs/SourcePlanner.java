package io.htmllake.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Groups raw objects into read tasks of similar byte size (longest-processing-time-first bin
 * packing), so thousands of small objects share a task and one large WARC does not share one.
 */
final class SourcePlanner {

  /** Bytes of raw input a task aims at. */
  static final long TARGET_BYTES = 128L << 20;
  /** Each object costs at least this much, so a task of many tiny objects stays short too. */
  static final long MIN_OBJECT_COST = 64L << 10;
  static final int TASKS_PER_CORE = 3;

  private SourcePlanner() {}

  static List<List<SourceObject>> plan(List<SourceObject> objects, int parallelism, long targetBytes) {
    if (objects.isEmpty()) {
      return List.of();
    }
    long total = 0;
    for (SourceObject o : objects) {
      total += cost(o);
    }
    // A few tasks per core even for small inputs, so one slow object does not leave cores idle.
    int tasks = (int) Math.max(parallelism * TASKS_PER_CORE, Math.min(Integer.MAX_VALUE, (total + targetBytes - 1) / targetBytes));
    tasks = Math.max(1, Math.min(tasks, objects.size()));

    List<SourceObject> sorted = new ArrayList<>(objects);
    sorted.sort(Comparator.comparingLong(SourcePlanner::cost).reversed().thenComparing(SourceObject::uri));
    record Bin(int index, long[] load) {}
    PriorityQueue<Bin> bins = new PriorityQueue<>(Comparator.<Bin>comparingLong(b -> b.load()[0]).thenComparingInt(Bin::index));
    List<List<SourceObject>> groups = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      groups.add(new ArrayList<>());
      bins.add(new Bin(i, new long[1]));
    }
    for (SourceObject o : sorted) {
      Bin lightest = bins.poll();
      groups.get(lightest.index()).add(o);
      lightest.load()[0] += cost(o);
      bins.add(lightest);
    }
    return groups;
  }

  private static long cost(SourceObject o) {
    return Math.max(o.size(), MIN_OBJECT_COST);
  }
}
