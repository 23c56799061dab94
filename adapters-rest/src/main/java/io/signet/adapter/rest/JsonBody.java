package io.signet.adapter.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.json.tree.JsonNode;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read strictly: it must be one JSON object; fields have exactly the JSON type they
 * are documented with (no string for a number, no float for an integer); unknown fields are refused
 * so that a misspelt field is an error rather than silently ignored; base64 is RFC 4648 standard
 * alphabet with padding. Every refusal is an {@link SignetException.InvalidRequest} that names the
 * field.
 */
final class JsonBody {
  static final int MAX_DEPTH = 16;
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();
  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /**
   * Parses the body and checks that it holds no field outside {@code allowed}. The body must be
   * exactly one JSON object: a duplicated field, content after the object or nesting deeper than
   * {@value #MAX_DEPTH} levels make it malformed.
   */
  static JsonBody parse(byte[] body, Set<String> allowed) {
    if (body == null || body.length == 0) {
      throw new SignetException.InvalidRequest(Reason.MALFORMED_BODY, "the request body is empty");
    }
    JsonNode root;
    try (JsonParser parser = FACTORY.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new SignetException.InvalidRequest(
            Reason.MALFORMED_BODY, "the request body must be a JSON object");
      }
      root = read(parser);
      if (parser.nextToken() != null) throw new IOException("content after the JSON object");
    } catch (IOException | RuntimeException e) {
      if (e instanceof SignetException signet) throw signet;
      throw new SignetException.InvalidRequest(
          Reason.MALFORMED_BODY, "the request body is not valid JSON");
    }
    return of(root, allowed);
  }

  /**
   * A JSON object already read (an element of an array field) as a body of its own, holding no
   * field outside {@code allowed}.
   */
  static JsonBody of(JsonNode node, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw SignetException.InvalidRequest.field("must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> entry : node.entries()) {
      if (!allowed.contains(entry.getKey())) {
        throw SignetException.InvalidRequest.field(
            "unknown field '"
                + printable(entry.getKey())
                + "'; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return new JsonBody(node);
  }

  /** The elements of a required JSON array field. */
  List<JsonNode> array(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw SignetException.InvalidRequest.field(field + " is required");
    }
    if (!node.isArray()) throw SignetException.InvalidRequest.field(field + " must be an array");
    List<JsonNode> values = new ArrayList<>();
    for (JsonNode value : node.values()) values.add(value);
    return values;
  }

  boolean has(String field) {
    JsonNode node = root.get(field);
    return node != null && !node.isNull();
  }

  Optional<String> optionalString(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isString()) throw SignetException.InvalidRequest.field(field + " must be a string");
    return Optional.of(node.getStringValue());
  }

  String string(String field) {
    return optionalString(field)
        .orElseThrow(() -> SignetException.InvalidRequest.field(field + " is required"));
  }

  List<String> stringArray(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw SignetException.InvalidRequest.field(field + " is required");
    }
    if (!node.isArray()) {
      throw SignetException.InvalidRequest.field(field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node.values()) {
      if (!value.isString()) {
        throw SignetException.InvalidRequest.field(field + " must be an array of strings");
      }
      values.add(value.getStringValue());
    }
    return values;
  }

  /** A JSON integer (no fraction, no exponent beyond an integral value, no string). */
  Optional<Long> optionalInteger(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isNumber()) throw SignetException.InvalidRequest.field(field + " must be an integer");
    BigDecimal value;
    try {
      value = node.getBigDecimalValue();
    } catch (RuntimeException e) {
      throw SignetException.InvalidRequest.field(field + " must be an integer");
    }
    if (value.stripTrailingZeros().scale() > 0 || isFloatLiteral(node)) {
      throw SignetException.InvalidRequest.field(field + " must be an integer");
    }
    try {
      return Optional.of(value.longValueExact());
    } catch (ArithmeticException e) {
      throw SignetException.InvalidRequest.field(field + " is out of range");
    }
  }

  long integer(String field) {
    return optionalInteger(field)
        .orElseThrow(() -> SignetException.InvalidRequest.field(field + " is required"));
  }

  /**
   * Strict RFC 4648 base64 (standard alphabet, padded, canonical), decoded. The JDK's basic decoder
   * refuses characters outside the alphabet; re-encoding refuses missing padding and non-zero
   * trailing bits.
   */
  static byte[] base64(String field, String value) {
    if (value.length() % 4 != 0) {
      throw SignetException.InvalidRequest.field(field + " must be standard, padded base64");
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(value);
      if (!Base64.getEncoder().encodeToString(decoded).equals(value)) {
        throw SignetException.InvalidRequest.field(field + " must be canonical base64");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw SignetException.InvalidRequest.field(field + " must be standard, padded base64");
    }
  }

  /** Builds the tree of the value whose first token the parser is on. */
  private static JsonNode read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          fields.put(name, read(parser));
        }
        yield JsonNode.createObjectNode(fields);
      }
      case START_ARRAY -> {
        List<JsonNode> values = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) values.add(read(parser));
        yield JsonNode.createArrayNode(values);
      }
      case VALUE_STRING -> JsonNode.createStringNode(parser.getText());
      case VALUE_NUMBER_INT -> JsonNode.createNumberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT -> JsonNode.createNumberNode(parser.getDoubleValue());
      case VALUE_TRUE -> JsonNode.createBooleanNode(true);
      case VALUE_FALSE -> JsonNode.createBooleanNode(false);
      case VALUE_NULL -> JsonNode.nullNode();
      default -> throw new IOException("unexpected token " + token);
    };
  }

  private static boolean isFloatLiteral(JsonNode node) {
    Number n = node.getNumberValue();
    return n instanceof Double || n instanceof Float;
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
