package io.syncline.formats;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * The streaming parsers for record files, chosen by extension: {@code .yml} and {@code .yaml} are
 * YAML, everything else JSON.
 *
 * <p>Limits: nesting deeper than 500 levels is refused (a record that deep is an attack or a
 * mistake, and the limit keeps recursion far from the stack's end); strings and documents may be as
 * large as memory allows, since records files of hundreds of megabytes are normal here. SnakeYAML
 * refuses documents over 3 MB by default; the code point limit is raised for the same reason.
 */
final class Parsers {
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(500)
          .maxStringLength(Integer.MAX_VALUE)
          .maxDocumentLength(-1)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(LIMITS)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .loadSettings(LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build())
          .streamReadConstraints(LIMITS)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private Parsers() {}

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  static TokenStreamFactory factory(Path file) {
    return isYaml(file) ? YAML : JSON;
  }

  static JsonParser open(Path file, InputStream in) {
    return open(file, in, file.toString());
  }

  /** A parser for records; YAML's aliases and merge keys expanded ({@link YamlAliases}). */
  static JsonParser open(Path file, InputStream in, String name) {
    JsonParser parser = factory(file).createParser(ObjectReadContext.empty(), in);
    return isYaml(file) ? new YamlAliases(parser, name) : parser;
  }
}
