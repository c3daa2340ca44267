package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import io.htmllake.schemas.Tables;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the value types every job shares. Messages are what the operator reads. */
final class Converters {

  private Converters() {}

  static final class Date implements ITypeConverter<LocalDate> {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value, FORMAT);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected a date as YYYY-MM-DD, got '" + value + "'");
      }
    }
  }

  /** Sizes such as {@code 10m}, {@code 512k}, {@code 1g} or plain bytes. */
  static final class ByteSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)\\s*([kmg]i?b?|b)?");

    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("expected a size such as 10m, 512k or 1048576, got '" + value + "'");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
      long bytes = switch (unit.charAt(0)) {
        case 'k' -> n << 10;
        case 'm' -> n << 20;
        case 'g' -> n << 30;
        default -> n;
      };
      if (bytes < 1024 || bytes > (1L << 30)) {
        throw new TypeConversionException("expected a size between 1k and 1g, got '" + value + "'");
      }
      return bytes;
    }
  }

  /** A duration such as 30s, 500ms, 2m; between 100ms and 1h. */
  static final class Seconds implements ITypeConverter<java.time.Duration> {
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+)\\s*(ms|s|m|h)");

    @Override
    public java.time.Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("expected a duration such as 30s, 500ms or 2m, got '" + value + "'");
      }
      long n = Long.parseLong(m.group(1));
      java.time.Duration d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> java.time.Duration.ofMillis(n);
        case "s" -> java.time.Duration.ofSeconds(n);
        case "m" -> java.time.Duration.ofMinutes(n);
        default -> java.time.Duration.ofHours(n);
      };
      if (d.toMillis() < 100 || d.compareTo(java.time.Duration.ofHours(1)) > 0) {
        throw new TypeConversionException("expected a duration between 100ms and 1h, got '" + value + "'");
      }
      return d;
    }
  }

  /** {@code column=ratio}, the ratio between 0 and 1. */
  static final class ColumnRatio implements ITypeConverter<Map.Entry<String, Double>> {
    @Override
    public Map.Entry<String, Double> convert(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0) {
        throw new TypeConversionException("expected <column>=<ratio> such as title=0.9, got '" + value + "'");
      }
      return Map.entry(value.substring(0, eq).trim(), new Ratio().convert(value.substring(eq + 1).trim()));
    }
  }

  static final class Ratio implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double ratio = Double.parseDouble(value);
        if (ratio >= 0 && ratio <= 1) {
          return ratio;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException("expected a ratio between 0 and 1, got '" + value + "'");
    }
  }

  static final class Format implements ITypeConverter<TableFormat> {
    @Override
    public TableFormat convert(String value) {
      try {
        return TableFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected parquet, delta or json, got '" + value + "'");
      }
    }
  }

  /** A comma-separated list of parse-pages tables. */
  static List<TableSchema> tables(String value) {
    Set<TableSchema> tables = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      tables.add(Tables.byName(name).orElseThrow(() -> new TypeConversionException(
          "unknown table '" + name.trim() + "' (known: " + String.join(",", Tables.PARSE_PAGES.stream().map(TableSchema::name).toList()) + ")")));
    }
    if (tables.isEmpty()) {
      throw new TypeConversionException("expected at least one table");
    }
    return new ArrayList<>(tables);
  }
}
