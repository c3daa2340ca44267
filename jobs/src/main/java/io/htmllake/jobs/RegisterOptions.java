package io.htmllake.jobs;

import io.htmllake.schemas.TableSchema;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What to register: the lake's tables for one date in one catalog database. The tables are
 * {@link TableSchema}s, so any job's tables can be registered: parse-pages passes the ones it
 * wrote, and a spec table of the extract job passes the schema its spec compiles to.
 *
 * @param database catalog database (created when missing)
 * @param output the lake root; table {@code t} is at {@code <output>/t}
 * @param date the partition to add or refresh
 * @param format how the tables are stored (parquet or delta)
 * @param tables the tables to register
 */
public record RegisterOptions(String database, String output, LocalDate date, TableFormat format, List<TableSchema> tables) {

  public RegisterOptions {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(format, "format");
    tables = List.copyOf(tables);
  }

  /** The lake root as catalogs store it: a local path made absolute ({@code file:/...}), a URI as it is. */
  public String lake() {
    String root = Paths.stripSlash(output);
    if (root.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return root;
    }
    return "file:" + java.nio.file.Path.of(root).toAbsolutePath().normalize();
  }

  /** The table's root: {@code <lake>/<table>}. */
  public String location(TableSchema table) {
    return Paths.join(lake(), table.name());
  }
}
