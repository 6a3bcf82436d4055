package io.syncline.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between plain Java objects (as adapters produce them) and {@link Value}s. */
final class Values {
  private Values() {}

  static Value of(Object plain) {
    if (plain == null) {
      return Value.NULL;
    }
    if (plain instanceof Value value) {
      return value;
    }
    if (plain instanceof Boolean b) {
      return Value.Bool.of(b);
    }
    if (plain instanceof BigDecimal d) {
      return new Value.Num(d);
    }
    if (plain instanceof BigInteger i) {
      return new Value.Num(new BigDecimal(i));
    }
    if (plain instanceof Long || plain instanceof Integer || plain instanceof Short) {
      return new Value.Num(BigDecimal.valueOf(((Number) plain).longValue()));
    }
    if (plain instanceof Number n) {
      return new Value.Num(new BigDecimal(n.toString()));
    }
    if (plain instanceof CharSequence s) {
      return new Value.Text(s.toString());
    }
    if (plain instanceof List<?> list) {
      List<Value> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(of(item));
      }
      return new Value.Array(items);
    }
    if (plain instanceof Map<?, ?> map) {
      Map<String, Value> fields = new LinkedHashMap<>();
      map.forEach((k, v) -> fields.put(String.valueOf(k), of(v)));
      return new Value.Obj(fields);
    }
    return new Value.Text(plain.toString());
  }
}
