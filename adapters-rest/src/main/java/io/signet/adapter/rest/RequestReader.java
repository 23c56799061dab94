package io.signet.adapter.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.config.naming.PropertyNamingStrategy;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader of request bodies. A request is a {@code @Serdeable} record; its constructor
 * arguments (snake_case on the wire) are the only fields the body may hold, and their Java types
 * say which JSON type each must have:
 *
 * <ul>
 *   <li>{@code String}: a JSON string;
 *   <li>{@code long}/{@code Long}: a JSON integer literal within 64 bits ({@code 1.0}, {@code 1e0}
 *       and {@code "1"} are refused);
 *   <li>{@code boolean}/{@code Boolean}: {@code true} or {@code false};
 *   <li>{@link Bytes}: a JSON string of strict RFC 4648 base64 (standard alphabet, padded,
 *       canonical), at most {@code signet.signing.max-payload-bytes} decoded;
 *   <li>{@code List<String>}: an array of at most {@value #MAX_ARRAY_ELEMENTS} strings;
 *   <li>{@code List<Item<R>>} (a batch): an array of at most {@value #MAX_ITEMS} objects, each read
 *       as the request record {@code R}, each refused on its own ({@link Item}).
 *   <li>{@link Tag}: an object with exactly one member whose value is {@code null}, such as
 *       Relation One's {@code {"secp256k1": null}}; the member's name is the tag.
 * </ul>
 *
 * <p>A component annotated {@code @Nullable} is optional (absent and {@code null} are the same);
 * every other one is required. The body must be exactly one UTF-8 JSON object with no field twice.
 *
 * <p>The body is read as a stream and never built into a tree: an unknown field is refused as soon
 * as its name is read, and a container where a scalar belongs is refused at its first token, so a
 * hostile body costs no more memory than its own bytes however it is nested.
 */
@Singleton
final class RequestReader {
  static final int MAX_ARRAY_ELEMENTS = 64;
  static final int MAX_ITEMS = 1000;
  static final int MAX_DEPTH = 4;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          // No request nests deeper than an array inside the object; this is a second guard.
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();
  private static final ClassValue<Schema> SCHEMAS =
      new ClassValue<>() {
        @Override
        protected Schema computeValue(Class<?> type) {
          return Schema.of(type);
        }
      };

  private final int maxPayloadBytes;

  RequestReader(@Value("${signet.signing.max-payload-bytes:1048576}") int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** Reads {@code body} as a {@code type}; every refusal is an InvalidRequest naming the field. */
  <T> T read(byte[] body, Class<T> type) {
    requireUtf8Object(body);
    Schema schema = SCHEMAS.get(type); // outside the try: a bad record is a defect, not bad JSON
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("the request body must be a JSON object");
      }
      Object read = object(parser, schema);
      if (parser.nextToken() != null) throw malformed("content after the JSON object");
      return type.cast(read);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SignetException signet) throw signet;
      if (e instanceof StreamConstraintsException limit) {
        // Valid JSON, but past one of the parser's limits: deeper than any request (even inside
        // an unknown field or a batch item), or a number longer than any request holds. Jackson
        // tells them apart only by its message.
        String what = String.valueOf(limit.getMessage());
        throw malformed(
            what.contains("nesting depth")
                ? "the request body nests objects and arrays deeper than " + MAX_DEPTH
                : what.startsWith("Number")
                    ? "the request body holds a number longer than "
                        + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
                        + " digits"
                    : "the request body holds a value longer than the reader takes");
      }
      throw malformed("the request body is not valid JSON");
    }
  }

  /**
   * One element of a list of request records (a batch): read, or refused with its reason while the
   * other elements are still read. A record component {@code List<Item<R>>} takes up to {@value
   * #MAX_ITEMS} JSON objects, each read as an {@code R}.
   */
  sealed interface Item<R> {
    record Read<R>(R value) implements Item<R> {}

    record Refused<R>(SignetException.InvalidRequest reason) implements Item<R> {}
  }

  /** Reads the object whose START_OBJECT the parser is on, through its END_OBJECT. */
  private Object object(JsonParser parser, Schema schema) throws IOException {
    Object[] values = new Object[schema.fields.size()];
    boolean[] seen = new boolean[values.length];
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_OBJECT;
        token = parser.nextToken()) {
      String name = parser.currentName();
      Field field = schema.byName.get(name);
      if (field == null) throw schema.unknown(name);
      if (seen[field.index]) throw malformed("field '" + name + "' appears twice");
      seen[field.index] = true;
      values[field.index] = value(parser, field);
    }
    for (Field field : schema.fields) {
      if (field.required && values[field.index] == null) {
        throw SignetException.InvalidRequest.field(field.name + " is required");
      }
    }
    return schema.introspection.instantiate(values);
  }

  /**
   * Reads one element of an item list; a refusal skips the rest of the element (streaming, without
   * reading it into memory) so that the next element can be read.
   */
  private Item<Object> item(JsonParser parser, Field field) throws IOException {
    int listDepth = parser.getParsingContext().getNestingDepth() - 1;
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return new Item.Refused<>(
          SignetException.InvalidRequest.field(field.name + " must hold JSON objects"));
    }
    try {
      return new Item.Read<>(object(parser, field.element));
    } catch (SignetException.InvalidRequest refused) {
      if (refused.reason() == Reason.MALFORMED_BODY) throw refused;
      while (parser.getParsingContext().getNestingDepth() > listDepth) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          parser.skipChildren();
        }
        if (parser.getParsingContext().getNestingDepth() > listDepth) parser.nextToken();
      }
      return new Item.Refused<>(refused);
    }
  }

  private Object value(JsonParser parser, Field field) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) return null;
    return switch (field.kind) {
      case STRING -> string(parser, token, field);
      case BYTES -> {
        // No surrogate check: base64 admits only its ASCII alphabet, so the decoder refuses any.
        if (token != JsonToken.VALUE_STRING) throw field.mustBe();
        yield base64(field.name, parser.getText());
      }
      case BOOLEAN -> {
        if (!token.isBoolean()) throw field.mustBe();
        yield token == JsonToken.VALUE_TRUE;
      }
      case INTEGER -> {
        if (token != JsonToken.VALUE_NUMBER_INT) throw field.mustBe();
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw SignetException.InvalidRequest.field(field.name + " is out of range");
        }
        yield parser.getLongValue();
      }
      case TAG -> {
        if (token != JsonToken.START_OBJECT
            || parser.nextToken() != JsonToken.FIELD_NAME
            || parser.nextToken() != JsonToken.VALUE_NULL) {
          throw field.mustBe();
        }
        Tag tag = new Tag(parser.currentName());
        if (parser.nextToken() != JsonToken.END_OBJECT) throw field.mustBe();
        yield tag;
      }
      case STRING_LIST -> {
        if (token != JsonToken.START_ARRAY) throw field.mustBe();
        List<String> strings = new ArrayList<>();
        for (JsonToken element = parser.nextToken();
            element != JsonToken.END_ARRAY;
            element = parser.nextToken()) {
          if (element != JsonToken.VALUE_STRING) throw field.mustBe();
          if (strings.size() == MAX_ARRAY_ELEMENTS) {
            throw SignetException.InvalidRequest.field(
                field.name + " holds more than " + MAX_ARRAY_ELEMENTS + " elements");
          }
          strings.add(parser.getText());
        }
        yield List.copyOf(strings);
      }
      case ITEMS -> {
        if (token != JsonToken.START_ARRAY) throw field.mustBe();
        List<Item<Object>> items = new ArrayList<>();
        for (JsonToken element = parser.nextToken();
            element != JsonToken.END_ARRAY;
            element = parser.nextToken()) {
          if (items.size() == MAX_ITEMS) {
            throw SignetException.InvalidRequest.field(
                field.name + " holds more than " + MAX_ITEMS + " elements");
          }
          items.add(item(parser, field));
        }
        yield List.copyOf(items);
      }
    };
  }

  private static String string(JsonParser parser, JsonToken token, Field field) throws IOException {
    if (token != JsonToken.VALUE_STRING) throw field.mustBe();
    String text = parser.getText();
    if (hasUnpairedSurrogate(text)) {
      // An escaped lone surrogate (backslash-u D800) is valid JSON syntax but not Unicode text
      // (RFC 8259 §8.2): it would be stored or signed as "?", not as what the client sent.
      throw SignetException.InvalidRequest.field(
          field.name + " must be Unicode text (it holds an unpaired surrogate escape)");
    }
    return text;
  }

  private static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Strict RFC 4648 base64 (standard alphabet, padded, canonical), decoded, within the payload
   * limit. The JDK's basic decoder refuses characters outside the alphabet and misplaced padding;
   * it takes non-zero bits in the last character before padding, which only the last quantum can
   * have, so that quantum is encoded again and compared.
   */
  private Bytes base64(String field, String value) {
    if (value.length() > 4L * ((maxPayloadBytes + 2) / 3)) throw tooLarge(field);
    if (value.length() % 4 != 0) {
      throw SignetException.InvalidRequest.field(field + " must be standard, padded base64");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw SignetException.InvalidRequest.field(field + " must be standard, padded base64");
    }
    int partial = decoded.length % 3;
    if (partial != 0) {
      String last =
          Base64.getEncoder()
              .encodeToString(
                  Arrays.copyOfRange(decoded, decoded.length - partial, decoded.length));
      if (!value.endsWith(last)) {
        throw SignetException.InvalidRequest.field(field + " must be canonical base64");
      }
    }
    if (decoded.length > maxPayloadBytes) throw tooLarge(field);
    return Bytes.of(decoded);
  }

  private SignetException tooLarge(String field) {
    return new SignetException.InvalidRequest(
        Reason.TOO_LARGE, field + " is over the limit of " + maxPayloadBytes + " bytes (decoded)");
  }

  /**
   * JSON on the wire is UTF-8 (RFC 8259 §8.1). The parser would guess UTF-16 or UTF-32 from a byte
   * order mark or from NUL bytes among the first four, so those are refused here; then the whole
   * body must be well-formed UTF-8, which the parser alone does not check.
   */
  private static void requireUtf8Object(byte[] body) {
    if (body == null || body.length == 0) throw malformed("the request body is empty");
    int head = Math.min(4, body.length);
    boolean bom =
        (body[0] & 0xff) == 0xfe
            || (body[0] & 0xff) == 0xff
            || (head >= 3
                && (body[0] & 0xff) == 0xef
                && (body[1] & 0xff) == 0xbb
                && (body[2] & 0xff) == 0xbf);
    boolean nul = false;
    for (int i = 0; i < head; i++) nul |= body[i] == 0;
    if (bom || nul)
      throw malformed("the request body must be UTF-8 JSON without a byte order mark");
    if (!wellFormedUtf8(body)) throw malformed("the request body is not valid UTF-8");
  }

  /**
   * Whether {@code bytes} are well-formed UTF-8 (Unicode §3.9), as the JDK's strict decoder judges:
   * the parser alone takes overlong forms (C0 AF read as "/"), encoded surrogates and sequences
   * past U+10FFFF. Decodes through a small buffer, so a large body builds no second copy.
   */
  static boolean wellFormedUtf8(byte[] bytes) {
    if (ascii(bytes)) return true;
    CharsetDecoder strict =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 4096) + 2);
    while (true) {
      CoderResult result = strict.decode(in, out, true);
      if (result.isError()) return false;
      if (result.isUnderflow()) return !strict.flush(out).isError();
      out.clear();
    }
  }

  /** Whether every byte is ASCII: well-formed UTF-8 without decoding (most request bodies). */
  private static boolean ascii(byte[] bytes) {
    int any = 0;
    for (byte b : bytes) any |= b;
    return any >= 0;
  }

  private static SignetException malformed(String message) {
    return new SignetException.InvalidRequest(Reason.MALFORMED_BODY, message);
  }

  private enum Kind {
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("a boolean"),
    BYTES("a base64 string"),
    STRING_LIST("an array of strings"),
    ITEMS("an array of objects"),
    TAG("an object with one member whose value is null");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    static Kind of(Argument<?> argument) {
      Class<?> type = argument.getType();
      if (type == String.class) return STRING;
      if (type == Long.class || type == long.class) return INTEGER;
      if (type == Boolean.class || type == boolean.class) return BOOLEAN;
      if (type == Bytes.class) return BYTES;
      if (type == Tag.class) return TAG;
      Class<?> element = argument.getFirstTypeVariable().map(Argument::getType).orElse(null);
      if (type == List.class && element == String.class) return STRING_LIST;
      if (type == List.class && element == Item.class) return ITEMS;
      throw new IllegalStateException(
          "request field " + argument.getName() + " has a type the reader does not know: " + type);
    }
  }

  /** The name of the one member of an object like {@code {"secp256k1": null}}. */
  record Tag(String name) {}

  /** A field; {@code element} is the schema of an item list's records, null for other kinds. */
  private record Field(String name, int index, Kind kind, boolean required, Schema element) {
    SignetException mustBe() {
      return SignetException.InvalidRequest.field(name + " must be " + kind.description);
    }
  }

  /** A request record's fields, computed once per record type. */
  private record Schema(
      BeanIntrospection<?> introspection, List<Field> fields, Map<String, Field> byName) {
    static Schema of(Class<?> type) {
      BeanIntrospection<?> introspection = BeanIntrospection.getIntrospection(type);
      Argument<?>[] arguments = introspection.getConstructorArguments();
      List<Field> fields = new ArrayList<>();
      Map<String, Field> byName = new LinkedHashMap<>();
      for (int i = 0; i < arguments.length; i++) {
        Argument<?> argument = arguments[i];
        String name = PropertyNamingStrategy.SNAKE_CASE.translate(argument);
        Kind kind = Kind.of(argument);
        Schema element =
            kind == Kind.ITEMS
                ? SCHEMAS.get(
                    argument
                        .getFirstTypeVariable()
                        .flatMap(Argument::getFirstTypeVariable)
                        .orElseThrow()
                        .getType())
                : null;
        boolean required = argument.getType().isPrimitive() || !argument.isNullable();
        Field field = new Field(name, i, kind, required, element);
        fields.add(field);
        byName.put(name, field);
      }
      return new Schema(introspection, List.copyOf(fields), Map.copyOf(byName));
    }

    SignetException unknown(String name) {
      // Cut at a code point, not inside a surrogate pair: the message must stay Unicode text.
      int end = name.length() > 40 && Character.isLowSurrogate(name.charAt(40)) ? 39 : 40;
      String cut = name.length() > 40 ? name.substring(0, end) + "…" : name;
      return SignetException.InvalidRequest.field(
          "unknown field '"
              + cut.replaceAll("\\p{Cntrl}", "?")
              + "'; allowed: "
              + String.join(", ", byName.keySet().stream().sorted().toList()));
    }
  }
}
