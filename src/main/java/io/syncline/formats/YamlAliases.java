package io.syncline.formats;

import io.syncline.core.UnableToReadFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML token stream with its aliases and merge keys expanded, so that readers see the values a
 * YAML loader would: the YAML parser alone gives an alias as a string holding the anchor's name.
 *
 * <pre>
 *   defaults: &amp;d {cron: "0 2 * * *", enabled: true}
 *   tasks:
 *     - name: a
 *       tags: &amp;t [db, nightly]
 *     - name: b
 *       tags: *t             tags: [db, nightly]
 *       &lt;&lt;: *d               cron: "0 2 * * *", enabled: true
 *       enabled: false        enabled: false: a member given in the mapping wins over a merged one
 * </pre>
 *
 * Merged members come at the end of their mapping, where it is known which members the mapping
 * gives itself; with {@code <<: [*a, *b]}, a's members win over b's. An anchored value is recorded
 * as it is read, already expanded, and replayed at each alias, at the alias's place.
 *
 * <p>Bounded: aliases may expand to at most {@link #FACTOR} times the values read from the file
 * (plus a little); an alias bomb ("billion laughs": each level aliasing the one before ten times)
 * is refused as soon as it passes that, before it takes the memory.
 */
final class YamlAliases extends JsonParserDelegate {
  static final int FACTOR = 100;
  private static final long ALLOWANCE = 100_000;
  private static final String MERGE = "<<";

  /** One token as read, with what its getters answer. */
  private record Token(
      JsonToken kind,
      String text,
      Number number,
      boolean nan,
      String anchor,
      TokenStreamLocation location) {
    Token at(TokenStreamLocation place) {
      return new Token(kind, text, number, nan, null, place);
    }
  }

  /** A member given by a merge key: its name and its value's tokens. */
  private record Member(String name, List<Token> value) {}

  /**
   * An open mapping or list. A mapping's names are {@code given} from {@code namesFrom} on (one
   * list for all levels: a set per mapping would cost every record an allocation).
   */
  private static final class Level {
    final boolean mapping;
    final int namesFrom;
    List<Member> merged;

    Level(boolean mapping, int namesFrom) {
      this.mapping = mapping;
      this.namesFrom = namesFrom;
    }
  }

  /** An anchored value being recorded, from its start token at {@code depth}. */
  private record Recording(String anchor, int depth, List<Token> tokens) {}

  /** An alias being replayed at its place. */
  private record Replay(Iterator<Token> tokens, TokenStreamLocation place) {}

  private final String file;
  private final Map<String, List<Token>> anchors = new HashMap<>();
  private final Deque<Replay> replays = new ArrayDeque<>();
  private final Deque<Token> injected = new ArrayDeque<>();
  private final Deque<Level> levels = new ArrayDeque<>();
  private final List<Recording> recordings = new ArrayList<>();
  private final List<String> given = new ArrayList<>();
  private Token current;
  // Whether the current token is the parser's own, passed on as it is: no alias, anchor or merge
  // key near it, the usual case, which then costs no copy.
  private boolean passing;
  private JsonToken waiting;
  private long read;
  private long expanded;

  YamlAliases(JsonParser parser, String file) {
    super(parser);
    this.file = file;
  }

  @Override
  public JsonToken nextToken() {
    passing = false;
    if (injected.isEmpty() && replays.isEmpty() && recordings.isEmpty()) {
      JsonToken kind = delegate.nextToken();
      if (kind == null) {
        current = null;
        return null;
      }
      read++;
      if (plain(kind)) {
        passing = true;
        current = null;
        track(kind, kind == JsonToken.PROPERTY_NAME ? delegate.currentName() : null);
        return kind;
      }
      waiting = kind;
    }
    Token token;
    if (!injected.isEmpty()) {
      token = injected.poll();
    } else {
      token = pull();
      if (token != null
          && token.kind() == JsonToken.PROPERTY_NAME
          && MERGE.equals(token.text())
          && levels.peek() != null
          && levels.peek().mapping) {
        merge(levels.peek(), token);
        return nextToken();
      }
      if (token != null
          && token.kind() == JsonToken.END_OBJECT
          && levels.peek() != null
          && levels.peek().merged != null) {
        Level level = levels.peek();
        for (Member member : level.merged) {
          if (!given(level, member.name())) {
            given.add(member.name());
            injected.add(
                new Token(
                    JsonToken.PROPERTY_NAME, member.name(), null, false, null, token.location()));
            injected.addAll(member.value());
          }
        }
        level.merged = null;
        injected.add(token);
        return nextToken();
      }
    }
    emit(token);
    return token == null ? null : token.kind();
  }

  /** The next token with aliases replayed; null at the end. */
  private Token pull() {
    while (true) {
      Replay replay = replays.peek();
      if (replay != null) {
        if (replay.tokens().hasNext()) {
          return replay.tokens().next().at(replay.place());
        }
        replays.pop();
        continue;
      }
      JsonToken kind = waiting;
      if (kind != null) {
        waiting = null;
      } else {
        kind = delegate.nextToken();
        if (kind == null) {
          return null;
        }
        read++;
      }
      TokenStreamLocation place = delegate.currentTokenLocation();
      if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
        String name = delegate.getString();
        List<Token> anchored = anchors.get(name);
        if (anchored == null) {
          throw refusal(place, "the alias *" + name + " names no anchor (&" + name + ") before it");
        }
        expanded += anchored.size();
        if (expanded > FACTOR * read + ALLOWANCE) {
          throw refusal(
              place,
              "the aliases expand to more than "
                  + FACTOR
                  + " times the values in the file (an alias bomb?); expand them by hand");
        }
        replays.push(new Replay(anchored.iterator(), place));
        continue;
      }
      return capture(kind, place);
    }
  }

  private Token capture(JsonToken kind, TokenStreamLocation place) {
    String anchor = kind.isStructEnd() || kind == JsonToken.PROPERTY_NAME ? null : anchor(kind);
    return switch (kind) {
      case PROPERTY_NAME -> new Token(kind, delegate.currentName(), null, false, null, place);
      case VALUE_NUMBER_INT ->
          new Token(kind, delegate.getString(), delegate.getNumberValue(), false, anchor, place);
      case VALUE_NUMBER_FLOAT -> {
        boolean nan = delegate.isNaN();
        yield new Token(
            kind,
            delegate.getString(),
            nan ? null : delegate.getDecimalValue(),
            nan,
            anchor,
            place);
      }
      case START_OBJECT, START_ARRAY, END_OBJECT, END_ARRAY ->
          new Token(kind, null, null, false, anchor, place);
      default -> new Token(kind, delegate.getString(), null, false, anchor, place);
    };
  }

  // The YAML parser forgets a scalar's anchor (&n 5) before handing out the scalar; the event it
  // read still has it. Null when the field cannot be read: scalar anchors are then unknown, and
  // their aliases refused as naming no anchor.
  private static final VarHandle LAST_EVENT = lastEvent();

  private static VarHandle lastEvent() {
    try {
      return MethodHandles.privateLookupIn(YAMLParser.class, MethodHandles.lookup())
          .findVarHandle(YAMLParser.class, "_lastEvent", Event.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private String anchor(JsonToken kind) {
    return anchor(delegate, kind);
  }

  /** The anchor ({@code &name}) on the value the YAML parser is at, or null. */
  static String anchor(JsonParser parser, JsonToken kind) {
    if (kind.isScalarValue()) {
      if (LAST_EVENT != null
          && parser instanceof YAMLParser
          && LAST_EVENT.get(parser) instanceof ScalarEvent scalar) {
        return scalar.getAnchor().map(Anchor::getValue).orElse(null);
      }
      return null;
    }
    Object id = parser.getObjectId();
    return id == null ? null : id.toString();
  }

  /** The anchor's name when the YAML parser is at an alias ({@code *name}), or null. */
  static String alias(JsonParser parser) {
    return parser instanceof YAMLParser yaml && yaml.isCurrentAlias() ? parser.getString() : null;
  }

  /** Takes the value of a merge key: a mapping, an alias of one, or a list of those. */
  private void merge(Level level, Token key) {
    Token value = pull();
    List<List<Member>> sources = new ArrayList<>();
    if (value != null && value.kind() == JsonToken.START_ARRAY) {
      for (Token item = pull(); item != null && item.kind() != JsonToken.END_ARRAY; item = pull()) {
        sources.add(mapping(item, key));
      }
    } else {
      sources.add(mapping(value, key));
    }
    if (level.merged == null) {
      level.merged = new ArrayList<>();
    }
    sources.forEach(level.merged::addAll);
  }

  /** The members of the mapping whose start is {@code start}, read to its end. */
  private List<Member> mapping(Token start, Token key) {
    if (start == null || start.kind() != JsonToken.START_OBJECT) {
      throw refusal(
          key.location(), "a merge key << takes a mapping or aliases of mappings, not this value");
    }
    List<Token> all = new ArrayList<>();
    all.add(start.at(start.location()));
    List<Member> members = new ArrayList<>();
    int depth = 0;
    Member member = null;
    for (Token token = pull(); token != null; token = pull()) {
      if (depth == 0 && token.kind() == JsonToken.END_OBJECT) {
        all.add(token);
        break;
      }
      if (depth == 0 && token.kind() == JsonToken.PROPERTY_NAME) {
        member = new Member(token.text(), new ArrayList<>());
        members.add(member);
      } else if (member != null) {
        member.value().add(token.at(token.location()));
        depth += token.kind().isStructStart() ? 1 : token.kind().isStructEnd() ? -1 : 0;
      }
      all.add(token.at(token.location()));
    }
    if (start.anchor() != null) {
      anchors.put(start.anchor(), all);
    }
    return members;
  }

  /** Whether the parser's token needs nothing done: no alias, anchor or merge key. */
  private boolean plain(JsonToken kind) {
    Level level = levels.peek();
    return switch (kind) {
      case PROPERTY_NAME -> !MERGE.equals(delegate.currentName());
      case END_OBJECT -> level == null || level.merged == null;
      case END_ARRAY -> true;
      case VALUE_STRING -> alias(delegate) == null && anchor(kind) == null;
      default -> anchor(kind) == null;
    };
  }

  /** Whether the mapping gave {@code name} itself. */
  private boolean given(Level level, String name) {
    for (int i = level.namesFrom; i < given.size(); i++) {
      if (given.get(i).equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps the open levels and their names up to date with the token made current. */
  private void track(JsonToken kind, String name) {
    if (kind.isStructStart()) {
      levels.push(new Level(kind == JsonToken.START_OBJECT, given.size()));
    } else if (kind.isStructEnd()) {
      Level level = levels.pop();
      given.subList(level.namesFrom, given.size()).clear();
    } else if (kind == JsonToken.PROPERTY_NAME) {
      given.add(name);
    }
  }

  /** Makes {@code token} current, keeping levels and recordings up to date. */
  private void emit(Token token) {
    current = token;
    if (token == null) {
      return;
    }
    JsonToken kind = token.kind();
    Token plain = token.anchor() == null ? token : token.at(token.location());
    if (kind.isStructStart() && token.anchor() != null) {
      recordings.add(new Recording(token.anchor(), levels.size(), new ArrayList<>()));
    }
    for (Recording recording : recordings) {
      recording.tokens().add(plain);
    }
    track(kind, token.text());
    if (kind.isStructEnd()) {
      Recording last = recordings.isEmpty() ? null : recordings.get(recordings.size() - 1);
      if (last != null && last.depth() == levels.size()) {
        recordings.remove(recordings.size() - 1);
        anchors.put(last.anchor(), last.tokens());
      }
    } else if (kind != JsonToken.PROPERTY_NAME && !kind.isStructStart() && token.anchor() != null) {
      anchors.put(token.anchor(), List.of(plain));
    }
  }

  private UnableToReadFile refusal(TokenStreamLocation at, String reason) {
    return new UnableToReadFile(file, at.getLineNr(), at.getColumnNr(), reason);
  }

  // ---- what the current token answers ----

  @Override
  public JsonToken currentToken() {
    if (passing) {
      return super.currentToken();
    }
    return current == null ? null : current.kind();
  }

  @Override
  public int currentTokenId() {
    if (passing) {
      return super.currentTokenId();
    }
    return current == null ? 0 : current.kind().id();
  }

  @Override
  public boolean hasCurrentToken() {
    if (passing) {
      return super.hasCurrentToken();
    }
    return current != null;
  }

  @Override
  public boolean hasToken(JsonToken token) {
    if (passing) {
      return super.hasToken(token);
    }
    return currentToken() == token;
  }

  @Override
  public boolean isExpectedStartArrayToken() {
    if (passing) {
      return super.isExpectedStartArrayToken();
    }
    return currentToken() == JsonToken.START_ARRAY;
  }

  @Override
  public boolean isExpectedStartObjectToken() {
    if (passing) {
      return super.isExpectedStartObjectToken();
    }
    return currentToken() == JsonToken.START_OBJECT;
  }

  @Override
  public String currentName() {
    if (passing) {
      return super.currentName();
    }
    if (current != null && current.kind() == JsonToken.PROPERTY_NAME) {
      return current.text();
    }
    return delegate.currentName();
  }

  @Override
  public TokenStreamLocation currentTokenLocation() {
    if (passing) {
      return super.currentTokenLocation();
    }
    return current == null ? delegate.currentTokenLocation() : current.location();
  }

  @Override
  public JsonParser skipChildren() {
    JsonToken at = currentToken();
    if (at != null && at.isStructStart()) {
      int depth = 1;
      while (depth > 0) {
        JsonToken token = nextToken();
        if (token == null) {
          break;
        }
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
      }
    }
    return this;
  }

  @Override
  public String getString() {
    if (passing) {
      return super.getString();
    }
    return current == null ? null : current.text();
  }

  @Override
  public boolean hasStringCharacters() {
    if (passing) {
      return super.hasStringCharacters();
    }
    return false;
  }

  @Override
  public char[] getStringCharacters() {
    if (passing) {
      return super.getStringCharacters();
    }
    String text = getString();
    return text == null ? null : text.toCharArray();
  }

  @Override
  public int getStringOffset() {
    if (passing) {
      return super.getStringOffset();
    }
    return 0;
  }

  @Override
  public int getStringLength() {
    if (passing) {
      return super.getStringLength();
    }
    String text = getString();
    return text == null ? 0 : text.length();
  }

  @Override
  public boolean isNaN() {
    if (passing) {
      return super.isNaN();
    }
    return current != null && current.nan();
  }

  @Override
  public Number getNumberValue() {
    if (passing) {
      return super.getNumberValue();
    }
    return current.number();
  }

  @Override
  public NumberType getNumberType() {
    if (passing) {
      return super.getNumberType();
    }
    Number n = current.number();
    if (n instanceof BigInteger) {
      return NumberType.BIG_INTEGER;
    }
    if (n instanceof BigDecimal) {
      return NumberType.BIG_DECIMAL;
    }
    if (n instanceof Long) {
      return NumberType.LONG;
    }
    if (n instanceof Integer) {
      return NumberType.INT;
    }
    return n == null ? null : NumberType.DOUBLE;
  }

  @Override
  public long getLongValue() {
    if (passing) {
      return super.getLongValue();
    }
    return current.number().longValue();
  }

  @Override
  public int getIntValue() {
    if (passing) {
      return super.getIntValue();
    }
    return current.number().intValue();
  }

  @Override
  public double getDoubleValue() {
    if (passing) {
      return super.getDoubleValue();
    }
    return current.number().doubleValue();
  }

  @Override
  public BigInteger getBigIntegerValue() {
    if (passing) {
      return super.getBigIntegerValue();
    }
    Number n = current.number();
    return n instanceof BigInteger big
        ? big
        : n instanceof BigDecimal decimal
            ? decimal.toBigInteger()
            : BigInteger.valueOf(n.longValue());
  }

  @Override
  public BigDecimal getDecimalValue() {
    if (passing) {
      return super.getDecimalValue();
    }
    Number n = current.number();
    if (n == null) {
      return delegate.getDecimalValue(); // NaN and infinities: the parser says why not
    }
    return n instanceof BigDecimal decimal
        ? decimal
        : n instanceof BigInteger big ? new BigDecimal(big) : BigDecimal.valueOf(n.longValue());
  }
}
