package io.htmllake.parsers.spec;

/**
 * One problem of a spec: where it is and what to change.
 *
 * @param file the spec file as given
 * @param line 1-based line of the offending value (0 when the file as a whole is at fault)
 * @param path where in the spec, e.g. {@code fields[2] (price).type}
 * @param message what is wrong and what to write instead
 */
public record SpecError(String file, int line, String path, String message) {

  @Override
  public String toString() {
    return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
