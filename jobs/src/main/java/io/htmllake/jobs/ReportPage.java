package io.htmllake.jobs;

import static io.htmllake.jobs.Html.escape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a run report from manifests alone. Sections whose figures an older manifest (or another
 * job's) does not hold say so instead of failing.
 */
final class ReportPage {

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;color:#1d2330;padding:0 16px}
      h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
      h3{font-size:14px;margin:16px 0 6px}.meta{color:#5a6270;margin:0 0 12px}
      table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #eceef2;text-align:left;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px;word-break:break-all}
      .status{display:inline-block;padding:2px 8px;border-radius:10px;font-weight:600}
      .succeeded{background:#dff3e4;color:#1b6b35}.failed{background:#fde2e1;color:#a31d1d}
      .alert{background:#fff1e6;border-left:4px solid #d9480f;padding:6px 10px;margin:6px 0}
      .ok{background:#eef6ee;border-left:4px solid #2f9e44;padding:6px 10px;margin:6px 0}
      svg.chart{display:block;margin:4px 0 10px;max-width:100%;height:auto}
      svg .bar rect{fill:#4c6ef5}svg .bar.highlight rect{fill:#e8590c}svg text{font-size:12px;fill:#1d2330}
      svg text.value,svg text.tick{fill:#5a6270}svg .axis{stroke:#adb5bd}svg .line{fill:none;stroke:#4c6ef5;stroke-width:2}
      svg circle.point{fill:#4c6ef5}svg circle.today{stroke:#1d2330;stroke-width:2}svg circle.deviation{fill:#e03131}
      svg .box rect{fill:#bac8ff;stroke:#4c6ef5}svg .whisker{stroke:#4c6ef5}svg .median{stroke:#1d2330;stroke-width:2}
      tr.highlight td{background:#fff1e6}.none{color:#5a6270;font-style:italic}
      """;

  private ReportPage() {}

  static String render(Map<String, Object> m, List<Map<String, Object>> previous) {
    String job = String.valueOf(m.get("job"));
    String date = String.valueOf(m.get("date"));
    List<Deviations.Deviation> deviations = Deviations.of(m, previous);
    Set<String> newReasons = new HashSet<>();
    for (Deviations.Deviation d : deviations) {
      if (d.code().equals(Deviations.NEW_QUARANTINE_REASON)) {
        newReasons.add(d.subject());
      }
    }
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        // The report loads nothing: no script, no image, no font; a stray reference is blocked, not fetched.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(escape(job + " " + date + " run report")).append("</title><style>").append(CSS)
        .append("</style></head><body data-job=\"").append(escape(job)).append("\" data-date=\"").append(escape(date))
        .append("\" data-run-id=\"").append(escape(String.valueOf(m.get("run_id")))).append("\">\n");
    header(h, m);
    deviations(h, deviations, previous.size());
    records(h, m);
    input(h, m);
    rows(h, m);
    quarantine(h, m, newReasons);
    Map<String, Object> profile = Manifests.map(m, "profile");
    distributions(h, profile);
    coverage(h, profile);
    prices(h, profile);
    trend(h, m, previous, deviations);
    gates(h, m);
    timings(h, m);
    h.append("<p class=\"meta\">Written from <code>").append(escape(String.valueOf(m.get("run_id"))))
        .append(".json</code>; every figure here is in the run manifests under <code>_runs/").append(escape(job))
        .append("/</code>.</p>\n</body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, Map<String, Object> m) {
    String status = String.valueOf(m.get("status"));
    h.append("<h1>").append(escape(m.get("job") + " — " + m.get("date"))).append(" <span id=\"status\" class=\"status ")
        .append("succeeded".equals(status) ? "succeeded" : "failed").append("\">").append(escape(status)).append("</span></h1>")
        .append("<p class=\"meta\">run <code>").append(escape(String.valueOf(m.get("run_id")))).append("</code> · started ")
        .append(escape(String.valueOf(m.get("started_at")))).append(" · finished ").append(escape(String.valueOf(m.get("finished_at"))));
    Object total = Manifests.map(m, "timings_ms").get("total");
    if (total instanceof Number t) {
      h.append(" · ").append(escape(String.format(java.util.Locale.ROOT, "%.1f s", t.doubleValue() / 1000)));
    }
    h.append(" · Spark application <code>").append(escape(String.valueOf(m.get("spark_application_id")))).append("</code>");
    Map<String, Object> versions = Manifests.map(m, "versions");
    if (!versions.isEmpty()) {
      h.append(" · htmllake ").append(escape(String.valueOf(versions.get("htmllake"))));
    }
    h.append("</p>\n");
  }

  private static void deviations(StringBuilder h, List<Deviations.Deviation> deviations, int previousDates) {
    h.append("<section id=\"deviations\"><h2>Deviations from previous dates</h2>");
    if (previousDates == 0) {
      h.append("<p class=\"none\">No previous dates recorded: nothing to compare with.</p>");
    } else if (deviations.isEmpty()) {
      h.append("<p class=\"ok\">None: in line with the previous ").append(Math.min(previousDates, Deviations.BASELINE))
          .append(" dates.</p>");
    }
    for (Deviations.Deviation d : deviations) {
      h.append("<p class=\"alert\" data-deviation=\"").append(escape(d.code())).append("\" data-subject=\"")
          .append(escape(d.subject())).append("\">").append(escape(d.message())).append("</p>");
    }
    h.append("</section>\n");
  }

  private static void records(StringBuilder h, Map<String, Object> m) {
    Map<String, Object> r = Manifests.map(m, "records");
    if (r.isEmpty()) {
      return;
    }
    h.append("<section id=\"records\"><h2>Records</h2><table>")
        .append(row("read", Manifests.number(r, "read"))).append(row("pages", Manifests.number(r, "pages")))
        .append(row("quarantined", Manifests.number(r, "quarantined"))).append(row("skipped", Manifests.number(r, "skipped")));
    Manifests.map(r, "skipped_by_kind").forEach((k, v) -> h.append(rowHtml("&nbsp;&nbsp;skipped: " + escape(k), ((Number) v).longValue())));
    h.append("<tr><td>quarantine ratio</td><td class=\"n\" id=\"quarantine-ratio\">")
        .append(Html.ratio(Manifests.quarantineRatio(m))).append("</td></tr></table>");
    h.append("<p class=\"meta\">read = pages + quarantined + skipped").append(Manifests.number(r, "read")
        == Manifests.number(r, "pages") + Manifests.number(r, "quarantined") + Manifests.number(r, "skipped")
        ? " (reconciled)" : " <strong>does not reconcile</strong>").append("</p></section>\n");
  }

  private static void input(StringBuilder h, Map<String, Object> m) {
    Map<String, Object> in = Manifests.map(m, "input");
    if (in.isEmpty()) {
      return;
    }
    h.append("<section id=\"input\"><h2>Input</h2><p><code>").append(escape(String.valueOf(in.get("partition"))))
        .append("</code>: ").append(Html.count(Manifests.number(in, "objects"))).append(" objects, ")
        .append(escape(Html.bytes(Manifests.number(in, "bytes")))).append(" (").append(Manifests.number(in, "bytes"))
        .append(" bytes)</p>");
    Map<String, Object> byKind = Manifests.map(in, "objects_by_kind");
    Map<String, Object> bytesByKind = Manifests.map(in, "bytes_by_kind");
    List<Svg.Bar> bars = new ArrayList<>();
    byKind.forEach((kind, n) -> bars.add(new Svg.Bar(kind, ((Number) n).doubleValue(), Html.count(((Number) n).longValue())
        + (bytesByKind.containsKey(kind) ? " · " + Html.bytes(Manifests.number(bytesByKind, kind)) : ""), false)));
    if (!bars.isEmpty()) {
      h.append("<h3>Objects by kind</h3>").append(Svg.bars("objects-by-kind", "Input objects by kind", bars, 0));
    }
    h.append("</section>\n");
  }

  private static void rows(StringBuilder h, Map<String, Object> m) {
    Map<String, Object> rows = Manifests.map(m, "rows");
    if (rows.isEmpty()) {
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    rows.forEach((t, n) -> bars.add(new Svg.Bar(t, ((Number) n).doubleValue(), Html.count(((Number) n).longValue()), false)));
    h.append("<section id=\"rows\"><h2>Rows per table</h2>").append(Svg.bars("rows", "Rows per table", bars, 0));
    Map<String, Object> outputs = Manifests.map(m, "outputs");
    if (!outputs.isEmpty()) {
      h.append("<table>");
      outputs.forEach((t, p) -> h.append("<tr><td>").append(escape(t)).append("</td><td><code>").append(escape(String.valueOf(p)))
          .append("</code></td></tr>"));
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static void quarantine(StringBuilder h, Map<String, Object> m, Set<String> newReasons) {
    h.append("<section id=\"quarantine\"><h2>Quarantine by reason and stage</h2>");
    List<Map<String, Object>> groups = Manifests.list(Manifests.map(m, "profile"), "quarantine");
    Map<String, Object> byReason = Manifests.map(m, "quarantine_by_reason");
    if (byReason.isEmpty() && groups.isEmpty()) {
      h.append("<p class=\"none\">Nothing quarantined.</p></section>\n");
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    if (!groups.isEmpty()) {
      for (Map<String, Object> g : groups) {
        String reason = String.valueOf(g.get("reason"));
        long n = Manifests.number(g, "records");
        bars.add(new Svg.Bar(g.get("stage") + " / " + reason, n, Html.count(n) + (newReasons.contains(reason) ? " · new" : ""),
            newReasons.contains(reason)));
      }
    } else {
      byReason.forEach((reason, n) -> bars.add(new Svg.Bar(reason, ((Number) n).doubleValue(),
          Html.count(((Number) n).longValue()), newReasons.contains(reason))));
    }
    h.append(Svg.bars("quarantine", "Quarantined records by stage and reason", bars, 0));
    if (!groups.isEmpty()) {
      h.append("<table><tr><th>stage</th><th>reason</th><th class=\"n\">records</th><th>example sources</th></tr>");
      for (Map<String, Object> g : groups) {
        String reason = String.valueOf(g.get("reason"));
        h.append("<tr").append(newReasons.contains(reason) ? " class=\"highlight\"" : "").append("><td>")
            .append(escape(String.valueOf(g.get("stage")))).append("</td><td>").append(escape(reason)).append("</td><td class=\"n\">")
            .append(Html.count(Manifests.number(g, "records"))).append("</td><td>");
        Object examples = g.get("examples");
        if (examples instanceof List<?> list) {
          for (Object e : list) {
            h.append("<code class=\"example\">").append(escape(String.valueOf(e))).append("</code><br>");
          }
        }
        h.append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("</section>\n");
  }

  private static void distributions(StringBuilder h, Map<String, Object> profile) {
    h.append("<section id=\"hosts\"><h2>Pages per host</h2>");
    if (!distribution(h, profile, "hosts", "hosts", "host")) {
      notRecorded(h);
    }
    h.append("</section>\n<section id=\"charsets\"><h2>Charsets and languages</h2>");
    boolean any = false;
    any |= distribution(h, profile, "charsets", "charsets", "Charset");
    any |= distribution(h, profile, "charset_sources", "charset-sources", "Charset source");
    any |= distribution(h, profile, "languages", "languages", "Language (lang attribute)");
    if (!any) {
      notRecorded(h);
    }
    h.append("</section>\n");
  }

  private static boolean distribution(StringBuilder h, Map<String, Object> profile, String key, String chart, String title) {
    Map<String, Object> d = Manifests.map(profile, key);
    if (d.isEmpty()) {
      return false;
    }
    List<Map<String, Object>> top = Manifests.list(d, "top");
    long distinct = Manifests.number(d, "distinct");
    if (!"hosts".equals(key)) {
      h.append("<h3>").append(escape(title)).append("</h3>");
    }
    h.append("<p class=\"meta\">").append(Html.count(distinct)).append(" distinct").append(distinct > top.size()
        ? ", the " + top.size() + " with most pages shown" : "").append("</p>");
    List<Svg.Bar> bars = new ArrayList<>();
    for (Map<String, Object> v : top) {
      long n = Manifests.number(v, "pages");
      bars.add(new Svg.Bar(String.valueOf(v.get("value")), n, Html.count(n), false));
    }
    h.append(Svg.bars(chart, title, bars, 0));
    return true;
  }

  private static void coverage(StringBuilder h, Map<String, Object> profile) {
    h.append("<section id=\"coverage\"><h2>Extraction coverage</h2>");
    Map<String, Object> c = Manifests.map(profile, "coverage");
    long pages = Manifests.number(profile, "pages");
    if (c.isEmpty()) {
      notRecorded(h);
    } else {
      h.append("<p class=\"meta\">Share of the ").append(Html.count(pages)).append(" pages with each field.</p>");
      List<Svg.Bar> bars = new ArrayList<>();
      c.forEach((field, n) -> {
        long count = ((Number) n).longValue();
        double share = pages == 0 ? 0 : (double) count / pages;
        bars.add(new Svg.Bar(field, share, Html.percent(share) + " (" + Html.count(count) + ")", false));
      });
      h.append(Svg.bars("coverage", "Share of pages with each extracted field", bars, 1.0));
    }
    h.append("</section>\n");
  }

  private static void prices(StringBuilder h, Map<String, Object> profile) {
    h.append("<section id=\"prices\"><h2>Offer prices per currency</h2>");
    if (!profile.containsKey("prices")) {
      notRecorded(h);
    } else {
      List<Map<String, Object>> prices = Manifests.list(profile, "prices");
      if (prices.isEmpty()) {
        h.append("<p class=\"none\">No offer with a price.</p>");
      } else {
        List<String> labels = new ArrayList<>();
        List<double[]> five = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        h.append("<table><tr><th>currency</th><th class=\"n\">offers</th><th class=\"n\">min</th><th class=\"n\">p25</th>"
            + "<th class=\"n\">median</th><th class=\"n\">p75</th><th class=\"n\">max</th></tr>");
        for (Map<String, Object> p : prices) {
          String currency = String.valueOf(p.get("currency"));
          double[] f = {Manifests.decimal(p, "min"), Manifests.decimal(p, "p25"), Manifests.decimal(p, "median"),
              Manifests.decimal(p, "p75"), Manifests.decimal(p, "max")};
          labels.add(currency);
          five.add(f);
          shown.add(Html.count(Manifests.number(p, "offers")) + " offers · median " + Html.decimal(f[2]));
          h.append("<tr><td>").append(escape(currency)).append("</td><td class=\"n\">").append(Html.count(Manifests.number(p, "offers")));
          for (double v : f) {
            h.append("</td><td class=\"n\">").append(Html.decimal(v));
          }
          h.append("</td></tr>");
        }
        h.append("</table>").append(Svg.boxes("prices", "Offer prices per currency (min, quartiles, max)", labels, five, shown));
      }
    }
    h.append("</section>\n");
  }

  private static void trend(StringBuilder h, Map<String, Object> m, List<Map<String, Object>> previous,
      List<Deviations.Deviation> deviations) {
    h.append("<section id=\"trend\"><h2>Trend over dates</h2>");
    List<Map<String, Object>> runs = new ArrayList<>(previous.subList(Math.max(0, previous.size() - 30), previous.size()));
    runs.add(m);
    boolean pageDrop = deviations.stream().anyMatch(d -> d.code().equals(Deviations.PAGE_COUNT_DROP));
    boolean ratioJump = deviations.stream().anyMatch(d -> d.code().equals(Deviations.QUARANTINE_RATIO_JUMP));
    List<Svg.Point> pages = new ArrayList<>();
    List<Svg.Point> ratios = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Map<String, Object> r = runs.get(i);
      boolean today = i == runs.size() - 1;
      long p = Manifests.number(Manifests.map(r, "records"), "pages");
      double q = Manifests.quarantineRatio(r);
      String date = String.valueOf(r.get("date"));
      pages.add(new Svg.Point(date, p, Html.count(p) + " pages", today, today && pageDrop));
      ratios.add(new Svg.Point(date, q, Html.ratio(q), today, today && ratioJump));
    }
    h.append("<p class=\"meta\">").append(runs.size()).append(" dates (the latest run of each).</p>")
        .append("<h3>Pages</h3>").append(Svg.trend("trend-pages", "Pages per date", pages))
        .append("<h3>Quarantine ratio</h3>").append(Svg.trend("trend-quarantine-ratio", "Quarantine ratio per date", ratios));
    h.append("<table><tr><th>date</th><th class=\"n\">records</th><th class=\"n\">pages</th><th class=\"n\">quarantined</th>"
        + "<th class=\"n\">ratio</th><th>quarantine reasons</th></tr>");
    for (int i = runs.size() - 1; i >= 0; i--) {
      Map<String, Object> r = runs.get(i);
      Map<String, Object> rec = Manifests.map(r, "records");
      h.append("<tr").append(i == runs.size() - 1 ? " class=\"today\"" : "").append("><td>")
          .append(escape(String.valueOf(r.get("date")))).append("</td><td class=\"n\">").append(Html.count(Manifests.number(rec, "read")))
          .append("</td><td class=\"n\">").append(Html.count(Manifests.number(rec, "pages"))).append("</td><td class=\"n\">")
          .append(Html.count(Manifests.number(rec, "quarantined"))).append("</td><td class=\"n\">")
          .append(Html.ratio(Manifests.quarantineRatio(r))).append("</td><td>")
          .append(escape(String.join(", ", Manifests.map(r, "quarantine_by_reason").keySet()))).append("</td></tr>");
    }
    h.append("</table></section>\n");
  }

  private static void gates(StringBuilder h, Map<String, Object> m) {
    List<Map<String, Object>> gates = Manifests.list(m, "gates");
    if (gates.isEmpty()) {
      return;
    }
    h.append("<section id=\"gates\"><h2>Quality gates</h2><table><tr><th>gate</th><th>passed</th><th class=\"n\">value</th>"
        + "<th class=\"n\">limit</th></tr>");
    for (Map<String, Object> g : gates) {
      boolean passed = Boolean.TRUE.equals(g.get("passed"));
      h.append("<tr").append(passed ? "" : " class=\"highlight\"").append("><td>").append(escape(String.valueOf(g.get("name"))))
          .append("</td><td>").append(passed ? "yes" : "<strong>no</strong>").append("</td><td class=\"n\">")
          .append(escape(Svg.num(Manifests.decimal(g, "value")))).append("</td><td class=\"n\">")
          .append(escape(Svg.num(Manifests.decimal(g, "limit")))).append("</td></tr>");
    }
    h.append("</table></section>\n");
  }

  private static void timings(StringBuilder h, Map<String, Object> m) {
    Map<String, Object> t = Manifests.map(m, "timings_ms");
    if (t.isEmpty()) {
      return;
    }
    h.append("<section id=\"timings\"><h2>Timings</h2><table>");
    t.forEach((stage, ms) -> h.append("<tr><td>").append(escape(stage)).append("</td><td class=\"n\">")
        .append(Html.count(((Number) ms).longValue())).append(" ms</td></tr>"));
    h.append("</table></section>\n");
  }

  private static void notRecorded(StringBuilder h) {
    h.append("<p class=\"none\">Not recorded by this run.</p>");
  }

  private static String row(String label, long n) {
    return rowHtml(escape(label), n);
  }

  private static String rowHtml(String labelHtml, long n) {
    return "<tr><td>" + labelHtml + "</td><td class=\"n\">" + Html.count(n) + "</td></tr>";
  }
}
