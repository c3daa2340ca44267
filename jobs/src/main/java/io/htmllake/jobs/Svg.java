package io.htmllake.jobs;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the run report, drawn in Java so the report needs no script and no network.
 * Every drawn data point carries its exact figure ({@code data-value}, {@code data-label},
 * {@code data-date}, ...), so what a chart shows can be checked against the manifest.
 */
final class Svg {

  private static final int LABEL_WIDTH = 270;
  private static final int BAR_AREA = 380;
  private static final int VALUE_WIDTH = 110;
  private static final int ROW = 22;

  private Svg() {}

  /** A bar: its label, its value (drawn to scale), the text shown beside it, and whether it is highlighted. */
  record Bar(String label, double value, String shown, boolean highlighted) {}

  /** A point of a trend: its date, value, shown text, whether it is today's and whether it deviates. */
  record Point(String date, double value, String shown, boolean today, boolean deviation) {}

  /** Horizontal bars, one row each, scaled to the largest value (or to {@code scaleMax} when positive). */
  static String bars(String chart, String title, List<Bar> bars, double scaleMax) {
    int height = Math.max(1, bars.size()) * ROW + 8;
    int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
    double max = scaleMax > 0 ? scaleMax : bars.stream().mapToDouble(Bar::value).max().orElse(0);
    StringBuilder s = open(chart, title, width, height);
    int y = 4;
    for (Bar b : bars) {
      double w = max <= 0 ? 0 : Math.max(b.value() > 0 ? 1 : 0, b.value() / max * BAR_AREA);
      s.append("<g class=\"bar").append(b.highlighted() ? " highlight" : "").append("\">")
          .append("<title>").append(Html.escape(b.label() + ": " + b.shown())).append("</title>")
          .append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\">").append(Html.escape(Html.shorten(b.label(), 42))).append("</text>")
          .append("<rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 3).append("\" width=\"").append(num(w))
          .append("\" height=\"").append(ROW - 6).append("\" data-label=\"").append(Html.escape(b.label()))
          .append("\" data-value=\"").append(num(b.value())).append("\"></rect>")
          .append("<text class=\"value\" x=\"").append(num(LABEL_WIDTH + w + 6)).append("\" y=\"").append(y + 15).append("\">")
          .append(Html.escape(b.shown())).append("</text></g>");
      y += ROW;
    }
    return s.append("</svg>").toString();
  }

  /** A line over dates with one marked circle per date; today's is larger, deviating ones red. */
  static String trend(String chart, String title, List<Point> points) {
    int width = 760;
    int height = 220;
    int left = 70;
    int right = 48;
    int top = 16;
    int bottom = 44;
    double max = points.stream().mapToDouble(Point::value).max().orElse(0);
    double scale = max <= 0 ? 1 : max;
    StringBuilder s = open(chart, title, width, height);
    int plotW = width - left - right;
    int plotH = height - top - bottom;
    s.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top + plotH).append("\" x2=\"")
        .append(width - right).append("\" y2=\"").append(top + plotH).append("\"></line>")
        .append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(top).append("\" x2=\"").append(left)
        .append("\" y2=\"").append(top + plotH).append("\"></line>")
        .append("<text class=\"tick\" x=\"").append(left - 6).append("\" y=\"").append(top + 4)
        .append("\" text-anchor=\"end\">").append(Html.escape(points.stream().filter(p -> p.value() == max).findFirst()
            .map(Point::shown).orElse("0"))).append("</text>")
        .append("<text class=\"tick\" x=\"").append(left - 6).append("\" y=\"").append(top + plotH + 4)
        .append("\" text-anchor=\"end\">0</text>");
    StringBuilder line = new StringBuilder();
    int n = points.size();
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      double x = n == 1 ? left + plotW / 2.0 : left + (double) plotW * i / (n - 1);
      double y = top + plotH - p.value() / scale * plotH;
      line.append(line.length() == 0 ? "" : " ").append(num(x)).append(',').append(num(y));
      if (i % every == 0 || i == n - 1) {
        s.append("<text class=\"tick\" x=\"").append(num(x)).append("\" y=\"").append(top + plotH + 18)
            .append("\" text-anchor=\"middle\">").append(Html.escape(p.date())).append("</text>");
      }
    }
    if (n > 1) {
      s.append("<polyline class=\"line\" points=\"").append(line).append("\"></polyline>");
    }
    for (int i = 0; i < n; i++) {
      Point p = points.get(i);
      double x = n == 1 ? left + plotW / 2.0 : left + (double) plotW * i / (n - 1);
      double y = top + plotH - p.value() / scale * plotH;
      s.append("<circle class=\"point").append(p.today() ? " today" : "").append(p.deviation() ? " deviation" : "")
          .append("\" cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"").append(p.today() ? 6 : 4)
          .append("\" data-date=\"").append(Html.escape(p.date())).append("\" data-value=\"").append(num(p.value()))
          .append("\"><title>").append(Html.escape(p.date() + ": " + p.shown())).append("</title></circle>");
    }
    return s.append("</svg>").toString();
  }

  /** A box plot row per group: whiskers from min to max, a box from p25 to p75, a line at the median; each row on its own scale. */
  static String boxes(String chart, String title, List<String> labels, List<double[]> fiveNumbers, List<String> shown) {
    int height = Math.max(1, labels.size()) * 30 + 8;
    int width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH + 120;
    StringBuilder s = open(chart, title, width, height);
    int y = 4;
    for (int i = 0; i < labels.size(); i++) {
      double[] f = fiveNumbers.get(i);
      double lo = f[0];
      double span = f[4] - f[0];
      double[] x = new double[5];
      for (int k = 0; k < 5; k++) {
        x[k] = LABEL_WIDTH + (span <= 0 ? BAR_AREA / 2.0 : (f[k] - lo) / span * BAR_AREA);
      }
      double mid = y + 14;
      s.append("<g class=\"box\" data-label=\"").append(Html.escape(labels.get(i))).append("\" data-min=\"").append(num(f[0]))
          .append("\" data-p25=\"").append(num(f[1])).append("\" data-median=\"").append(num(f[2]))
          .append("\" data-p75=\"").append(num(f[3])).append("\" data-max=\"").append(num(f[4])).append("\">")
          .append("<title>").append(Html.escape(labels.get(i) + ": " + shown.get(i))).append("</title>")
          .append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(num(mid + 4))
          .append("\" text-anchor=\"end\">").append(Html.escape(labels.get(i))).append("</text>")
          .append("<line class=\"whisker\" x1=\"").append(num(x[0])).append("\" y1=\"").append(num(mid)).append("\" x2=\"")
          .append(num(x[4])).append("\" y2=\"").append(num(mid)).append("\"></line>")
          .append("<rect x=\"").append(num(x[1])).append("\" y=\"").append(num(mid - 8)).append("\" width=\"")
          .append(num(Math.max(1, x[3] - x[1]))).append("\" height=\"16\"></rect>")
          .append("<line class=\"median\" x1=\"").append(num(x[2])).append("\" y1=\"").append(num(mid - 9)).append("\" x2=\"")
          .append(num(x[2])).append("\" y2=\"").append(num(mid + 9)).append("\"></line>")
          .append("<text class=\"value\" x=\"").append(LABEL_WIDTH + BAR_AREA + 10).append("\" y=\"").append(num(mid + 4))
          .append("\">").append(Html.escape(shown.get(i))).append("</text></g>");
      y += 30;
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(String chart, String title, int width, int height) {
    return new StringBuilder(4096).append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-chart=\"")
        .append(Html.escape(chart)).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\">");
  }

  /** Plain decimal, no exponent, at most 6 decimals, trailing zeros dropped. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.6f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
