package io.htmllake.jobs;

import java.util.List;

/**
 * What a register run did, table by table.
 *
 * @param database the catalog database
 * @param createdDatabase whether the run created it
 * @param tables one entry per table, in the order registered
 */
public record RegisterResult(String database, boolean createdDatabase, List<Table> tables) {

  /**
   * @param name the table
   * @param changes what the run changed in the catalog (empty: nothing)
   * @param notes what it found already right, or left alone, and why
   * @param statements the statements it ran
   */
  public record Table(String name, List<String> changes, List<String> notes, List<String> statements) {}

  /** True when the run changed nothing in the catalog. */
  public boolean unchanged() {
    return !createdDatabase && tables.stream().allMatch(t -> t.changes().isEmpty());
  }
}
