package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordKeyTest {

  @ParameterizedTest(name = "[{0}] of {1} is {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          epic_key | {"epic_key":"EP-7","name":"x"}      | EP-7
          isbn     | {"isbn":9780262033848}              | 9780262033848
          code     | {"code":"007"}                      | 007
          active   | {"active":true}                     | true
          price    | {"price":1.50}                      | 1.5
          a,b      | {"a":"x","b":2}                     | x,2
          b,a      | {"a":"x","b":2}                     | 2,x
          a,b      | {"a":"x,y","b":2}                   | x,y,2
          """)
  void aKeyPrintsItsFieldsStringsAsTheyAreOthersAsCanonicalJson(
      String fields, String record, String printed) {
    Entity entity = entity("e").key(fields.split(",")).build();

    RecordKey key = RecordKey.of(entity, (Value.Obj) CanonicalJson.parse(record), "e.json:1");

    assertThat(key.toString()).isEqualTo(printed);
    assertThat(RecordKey.parse(printed)).isEqualTo(key);
  }

  @Test
  void aRecordMissingAPartOfItsCompoundKeyIsABadRecordNamingThatPart() {
    Entity entity = entity("pair").key("a", "b").build();

    assertThatThrownBy(
            () ->
                RecordKey.of(entity, (Value.Obj) CanonicalJson.parse("{\"a\":1}"), "pairs.json:4"))
        .isInstanceOf(BadRecord.MissingKey.class)
        .hasMessage("pairs.json:4: pair.b: the record has no b (its key); nothing was changed");
  }

  @Test
  void keysSortAsAPersonWouldNumbersByValueFirstThenText() {
    List<String> texts = List.of("x,2", "EP-7", "10", "007", "x,10", "9", "EP-10", "100", "10a");
    List<RecordKey> keys = new ArrayList<>(texts.stream().map(RecordKey::parse).toList());
    List<String> byText = new ArrayList<>(texts);

    keys.sort(null);
    byText.sort(RecordKey.ORDER);

    List<String> expected = List.of("9", "10", "100", "007", "10a", "EP-10", "EP-7", "x,10", "x,2");
    assertThat(keys).extracting(RecordKey::text).containsExactlyElementsOf(expected);
    assertThat(byText).containsExactlyElementsOf(expected);
  }
}
