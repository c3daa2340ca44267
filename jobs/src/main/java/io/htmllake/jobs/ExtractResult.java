package io.htmllake.jobs;

import java.util.List;
import java.util.Map;

/**
 * What an extract run did, returned to the caller (tests, the command line).
 *
 * @param runId the run's id
 * @param table the table written ({@code <table>_v<version>})
 * @param fingerprint the compiled schema's fingerprint
 * @param counts figures of the records read
 * @param rowsWritten rows of the table and of its quarantine table, as read back
 * @param locations the date partition of each table written
 * @param gates the quality gates and whether they passed
 * @param manifestPath where the run manifest was written
 */
public record ExtractResult(String runId, String table, String fingerprint, ExtractJob.Counts counts,
    Map<String, Long> rowsWritten, Map<String, String> locations, List<Gate> gates, String manifestPath) {

  public boolean passed() {
    return gates.stream().allMatch(Gate::passed);
  }

  public List<String> failures() {
    return gates.stream().filter(g -> !g.passed()).map(Gate::message).toList();
  }
}
