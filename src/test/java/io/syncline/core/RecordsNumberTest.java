package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Records#number}: a field's number read from canonical text, as a full parse reads it. */
class RecordsNumberTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
          {"n":2.5}                                  | 2.5
          {"a":{"n":1},"n":-3}                       | -3
          {"a":[{"n":1}],"b":"x"}                    | null
          {"a":"\\"n\\":7","n":4}                    | 4
          {"a":"\\"n\\":7"}                          | null
          {"n":"5"}                                  | null
          {"m":1,"n":1E+3}                           | 1E+3
          {}                                         | null
          """)
  void readsOnlyTheRecordsOwnField(String canonical, String expected) {
    BigDecimal read = Records.number(canonical, "n");

    assertThat(read).isEqualTo(expected == null ? null : new BigDecimal(expected));
    Value parsed = Records.parse(canonical).get("n");
    assertThat(parsed instanceof Value.Num n ? n.value() : null).isEqualTo(read);
  }
}
