/**
 * Declarative per-site extraction: a YAML spec ({@code conf/extractors/*.yaml}) read into an
 * {@link io.htmllake.parsers.spec.ExtractorSpec} by {@link io.htmllake.parsers.spec.SpecParser}
 * (every error of a spec at once, each with its line), and {@link io.htmllake.parsers.spec.SpecExtractor},
 * which applies a spec to one page. Plain Java on jsoup: no Spark, no I/O.
 */
package io.htmllake.parsers.spec;
