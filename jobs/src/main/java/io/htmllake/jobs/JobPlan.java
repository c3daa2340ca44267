package io.htmllake.jobs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run would do, as {@code --dry-run} prints it: inputs with their sizes, outputs, tables and
 * format. Immutable; built by each job's {@code plan(...)}, which reads only listings.
 */
public final class JobPlan {

  /** One line of the plan: what (input, output, table, ...), where, and a note (counts, bytes, effect). */
  public record Item(String kind, String name, String location, String note) {}

  private final String job;
  private final List<Item> items;

  private JobPlan(String job, List<Item> items) {
    this.job = job;
    this.items = List.copyOf(items);
  }

  public static Builder of(String job) {
    return new Builder(job);
  }

  public String job() {
    return job;
  }

  public List<Item> items() {
    return items;
  }

  public void print(PrintWriter out) {
    out.printf("%s --dry-run: the plan (nothing was read or written)%n", job);
    int kindWidth = items.stream().mapToInt(i -> i.kind().length()).max().orElse(0);
    int nameWidth = items.stream().mapToInt(i -> i.name().length()).max().orElse(0);
    for (Item i : items) {
      out.printf("  %-" + kindWidth + "s  %-" + nameWidth + "s  %s%s%n", i.kind(), i.name(), i.location(),
          i.note().isEmpty() ? "" : "  (" + i.note() + ")");
    }
    out.flush();
  }

  public static final class Builder {
    private final String job;
    private final List<Item> items = new ArrayList<>();

    private Builder(String job) {
      this.job = job;
    }

    public Builder add(String kind, String name, String location, String note) {
      items.add(new Item(kind, name, location, note));
      return this;
    }

    public Builder setting(String name, Object value) {
      return add("setting", name, String.valueOf(value), "");
    }

    public JobPlan build() {
      return new JobPlan(job, items);
    }
  }

  /** "12 objects, 3456 bytes: html 5, sidecar 7" */
  static String describeObjects(long bytes, Map<String, Long> byKind) {
    long objects = byKind.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder s = new StringBuilder().append(objects).append(" objects, ").append(bytes).append(" bytes");
    if (!byKind.isEmpty()) {
      s.append(": ");
      s.append(String.join(", ", byKind.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    }
    return s.toString();
  }
}
