package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Mapping;
import io.syncline.core.Mask;
import io.syncline.core.UnableToReadFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code copy:} section of {@code syncline.yml}: masking rules, read strictly. */
class MappingFileMasksTest {
  @TempDir Path dir;

  Mapping read(String yaml) throws Exception {
    Path file = dir.resolve("syncline.yml");
    Files.writeString(file, yaml);
    return MappingFile.read(file);
  }

  @Test
  void everyRuleReadsAndWritesBackTheSame() throws Exception {
    String yaml =
        """
        copy:
          salt-env: MASK_SALT
          masks:
            customers:
              email: email
              tax_id: hash
              phone: null
              name: {fixed: Jane Doe}
        """;
    Mapping mapping = read(yaml);

    assertThat(mapping.masks().salt()).contains("MASK_SALT");
    assertThat(mapping.masks().table("customers"))
        .hasEntrySatisfying("email", m -> assertThat(m).isInstanceOf(Mask.Email.class))
        .hasEntrySatisfying("tax_id", m -> assertThat(m).isInstanceOf(Mask.Hash.class))
        .hasEntrySatisfying("phone", m -> assertThat(m).isInstanceOf(Mask.Null.class))
        .containsEntry("name", new Mask.Fixed("Jane Doe"));
    Mapping again = read(MappingFile.write(mapping));
    assertThat(MappingFile.write(again)).isEqualTo(MappingFile.write(mapping));
  }

  @Test
  void anUnknownRuleIsRefusedWithItsSetting() {
    assertThatThrownBy(() -> read("copy:\n  masks:\n    customers:\n      email: scramble\n"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("copy.masks.customers.email: `\"scramble\"` is not a masking rule");
  }

  @Test
  void anUnknownSettingIsRefused() {
    assertThatThrownBy(() -> read("copy:\n  mask:\n    customers: {}\n"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("copy.mask: unknown setting; expected one of masks, salt-env");
  }

  @Test
  void hashKeepsEqualValuesEqualAndDifferentOnesDifferent() {
    Mask hash = new Mask.Hash(null);
    assertThat(hash.apply("a")).isEqualTo(hash.apply("a")).isNotEqualTo(hash.apply("b"));
    assertThat(hash.apply(42L)).isInstanceOf(Long.class).isNotEqualTo(hash.apply(43L));
    assertThat(new Mask.Hash("k".getBytes()).apply("a")).isNotEqualTo(hash.apply("a"));
    assertThat(hash.apply(null)).isNull();
  }
}
