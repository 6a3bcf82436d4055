package io.syncline.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChecksumTest {

  @Test
  void theChecksumIsCrc32cOfTheUtf8BytesInEightLowercaseHexDigits() {
    assertThat(StateStore.checksum("{\"id\":\"a\"}")).matches("[0-9a-f]{8}");
    for (int i = 0; i < 2_000; i++) {
      String text = "{\"id\":\"r" + i + "\",\"name\":\"é 日本\"}";
      CRC32C crc = new CRC32C();
      crc.update(text.getBytes(StandardCharsets.UTF_8));
      assertThat(StateStore.checksum(text)).isEqualTo(String.format("%08x", crc.getValue()));
    }
  }
}
