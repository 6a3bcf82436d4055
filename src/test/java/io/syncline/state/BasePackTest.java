package io.syncline.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** A base pack gives back the records put in, whatever their characters. */
class BasePackTest {
  /** What a text is after a trip through UTF-8: a lone surrogate becomes '?'. */
  static String throughUtf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  @Property(tries = 300)
  void aPackHoldsItsRecordsAsUtf8HoldsThem(
      @ForAll("texts") List<String> keys, @ForAll("texts") List<String> texts) {
    Map<String, String> records = new LinkedHashMap<>();
    for (int i = 0; i < Math.min(keys.size(), texts.size()); i++) {
      records.put(keys.get(i), texts.get(i));
    }

    byte[] pack = BasePack.encode(new ArrayList<>(records.entrySet()));
    Snapshot read = new Snapshot();
    BasePack.decode(pack, read, "the pack");

    assertThat(BasePack.count(pack)).isEqualTo(records.size());
    List<String> expectedKeys = records.keySet().stream().map(BasePackTest::throughUtf8).toList();
    assertThat(new ArrayList<>(read.keys())).isEqualTo(expectedKeys.stream().distinct().toList());
    records.forEach((key, text) -> assertThat(read.get(throughUtf8(key))).isNotNull());
    if (expectedKeys.stream().distinct().count() == records.size()) {
      records.forEach(
          (key, text) -> assertThat(read.get(throughUtf8(key))).isEqualTo(throughUtf8(text)));
    }
  }

  /** Every UTF-16 code unit, lone surrogates too, ASCII most often as in real records. */
  @Provide
  Arbitrary<List<String>> texts() {
    return Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(30),
            Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(30))
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 100)
  void aPackWithAByteChangedIsRefused(@ForAll @Size(min = 1, max = 5) List<String> keys) {
    List<String> distinct = keys.stream().distinct().toList();
    byte[] pack =
        BasePack.encode(
            distinct.stream().map(key -> Map.entry(key, "{\"id\":\"" + key + "\"}")).toList());
    pack[pack.length / 2] ^= 1;

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BasePack.decode(pack, new Snapshot(), "pack 3 of rec"))
        .hasMessageContaining("pack 3 of rec fails its checksum");
  }

  @org.junit.jupiter.api.Test
  void aPackWrittenBeforePacksWereCompressedStillReads() {
    // count, then each key and text as a length and UTF-8 bytes, then the CRC32C of all that
    java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(4 + 2 * (4 + 1 + 4 + 10) + 4);
    old.putInt(2);
    for (String key : List.of("a", "b")) {
      old.putInt(1).put(key.getBytes(StandardCharsets.UTF_8));
      old.putInt(10).put(("{\"id\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(old.array(), 0, old.position());
    old.putInt((int) crc.getValue());

    Snapshot read = new Snapshot();
    BasePack.decode(old.array(), read, "an old pack");

    assertThat(BasePack.count(old.array())).isEqualTo(2);
    assertThat(read.get("b")).isEqualTo("{\"id\":\"b\"}");
    assertThat(read.size()).isEqualTo(2);
  }

  @org.junit.jupiter.api.Test
  void aPackIsMuchSmallerThanTheRecordsItHolds() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      keys.add("rec-" + i);
    }
    byte[] pack =
        BasePack.encode(
            keys.stream()
                .map(
                    key ->
                        Map.entry(
                            key,
                            "{\"email\":\""
                                + key
                                + "@example.com\",\"id\":\""
                                + key
                                + "\",\"notes\":\"lorem ipsum dolor\"}"))
                .toList());

    assertThat(pack.length).isLessThan(1000 * 70 / 2);
  }
}
