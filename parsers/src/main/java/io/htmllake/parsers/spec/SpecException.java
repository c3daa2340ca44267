package io.htmllake.parsers.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be used, with every error found in it (not just the first). */
public final class SpecException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient List<SpecError> errors;

  public SpecException(List<SpecError> errors) {
    super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in extraction spec:\n"
        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<SpecError> errors() {
    return errors;
  }
}
