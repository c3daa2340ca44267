package io.htmllake.jobs.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/htmllake eval --corpus ../shared/corpus}: every corpus evaluation, or the ones named. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score main text, metadata, structured data, offers, prices and the shipped extraction specs against the real-world corpus.")
public final class EvalCommand implements Callable<Integer> {

  /** The evaluations, in report order. */
  static final List<CorpusEvaluation> ALL = List.of(new MainTextEvaluation(), new MetadataEvaluation(),
      new StructuredDataEvaluation(), new OffersEvaluation(), new SpecEvaluation());

  @Spec
  CommandSpec spec;

  @Option(names = "--corpus", defaultValue = "../shared/corpus", paramLabel = "<dir>", description = "Corpus root (default: ${DEFAULT-VALUE}).")
  Path corpus;

  @Option(names = "--only", split = ",", paramLabel = "<name>", description = "Run only these evaluations.")
  List<String> only;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(corpus)) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--corpus': no such directory: " + corpus);
    }
    List<CorpusEvaluation> selected = new ArrayList<>();
    for (CorpusEvaluation e : ALL) {
      if (only == null || only.contains(e.name())) {
        selected.add(e);
      }
    }
    if (only != null && selected.size() != only.size()) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--only': known evaluations are "
          + ALL.stream().map(CorpusEvaluation::name).toList());
    }
    var out = spec.commandLine().getOut();
    for (CorpusEvaluation e : selected) {
      out.println("== " + e.name());
      e.run(corpus, out);
      out.flush();
    }
    return 0;
  }
}
