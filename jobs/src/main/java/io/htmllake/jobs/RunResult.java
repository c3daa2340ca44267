package io.htmllake.jobs;

import java.util.List;
import java.util.Map;

/**
 * What a parse-pages run did, returned to the caller (tests, the demo, the command line).
 *
 * @param runId the run's id
 * @param counts figures of the records read
 * @param rowsWritten rows per table as read back from the written partitions
 * @param locations the date partition of each table written
 * @param gates the quality gates and whether they passed
 * @param manifestPath where the run manifest was written
 * @param reportPath where the run report (HTML) was written, beside the manifest
 */
public record RunResult(String runId, ParsePagesJob.Counts counts, Map<String, Long> rowsWritten,
    Map<String, String> locations, List<Gate> gates,
    String manifestPath, String reportPath) {

  public boolean passed() {
    return gates.stream().allMatch(Gate::passed);
  }

  public List<String> failures() {
    return gates.stream().filter(g -> !g.passed()).map(Gate::message).toList();
  }
}
