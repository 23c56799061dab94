package io.signet.domain.wallet;

import io.signet.domain.SignetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sign-In with Ethereum message (EIP-4361), parsed strictly by its ABNF: the fields in their
 * order, LF line ends only, nothing before or after, {@code Version: 1}, an alphanumeric nonce of
 * at least 8 characters, RFC 3339 times, absolute URIs. Anything else is an invalid request: a
 * message that only looks like SIWE is never read half-way.
 *
 * @param scheme the optional scheme before the domain, or null
 * @param address the address line as written (EIP-55 mixed case expected)
 * @param statement the optional statement, or null
 */
public record SiweMessage(
    String scheme,
    String domain,
    String address,
    String statement,
    String uri,
    long chainId,
    String nonce,
    Instant issuedAt,
    Optional<Instant> expirationTime,
    Optional<Instant> notBefore,
    Optional<String> requestId,
    List<String> resources) {

  static final String PREAMBLE = " wants you to sign in with your Ethereum account:";
  private static final Pattern HEADER =
      Pattern.compile(
          "(?:([A-Za-z][A-Za-z0-9+.-]*)://)?([A-Za-z0-9.\\-:\\[\\]_~%!$&'()*+,;=@]+)"
              + Pattern.quote(PREAMBLE));
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9]{8,128}");
  private static final Pattern CHAIN_ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-._~%!$&'()*+,;=:@]*");

  public SiweMessage {
    resources = List.copyOf(resources);
  }

  /** True when the text's first line is a SIWE preamble: then it must parse as SIWE. */
  public static boolean looksLike(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).endsWith(PREAMBLE);
  }

  public static SiweMessage parse(String text) {
    Lines lines = new Lines(text);
    Matcher header = HEADER.matcher(lines.next());
    if (!header.matches()) throw invalid("the first line must be '<domain>" + PREAMBLE + "'");
    String address = lines.next();
    if (!ADDRESS.matcher(address).matches()) throw invalid("the second line must be an address");
    if (!lines.next().isEmpty()) throw invalid("an empty line must follow the address");
    String statement = lines.next();
    if (statement.isEmpty()) {
      statement = null;
    } else if (!lines.next().isEmpty()) {
      throw invalid("an empty line must follow the statement");
    }
    String uri = absoluteUri(lines.field("URI"), "URI");
    if (!"1".equals(lines.field("Version"))) throw invalid("Version must be 1");
    String chainId = lines.field("Chain ID");
    if (!CHAIN_ID.matcher(chainId).matches()) throw invalid("Chain ID must be a positive integer");
    String nonce = lines.field("Nonce");
    if (!NONCE.matcher(nonce).matches()) throw invalid("Nonce must be 8 or more letters or digits");
    Instant issuedAt = time(lines.field("Issued At"), "Issued At");
    Optional<Instant> expiration =
        lines.optionalField("Expiration Time").map(t -> time(t, "Expiration Time"));
    Optional<Instant> notBefore = lines.optionalField("Not Before").map(t -> time(t, "Not Before"));
    Optional<String> requestId = lines.optionalField("Request ID");
    if (requestId.isPresent() && !REQUEST_ID.matcher(requestId.get()).matches()) {
      throw invalid("Request ID has characters outside RFC 3986 pchar");
    }
    List<String> resources = new ArrayList<>();
    if (lines.hasNext()) {
      if (!lines.next().equals("Resources:")) throw invalid("unexpected line after the fields");
      while (lines.hasNext()) {
        String line = lines.next();
        if (!line.startsWith("- ")) throw invalid("each resource line must be '- <uri>'");
        resources.add(absoluteUri(line.substring(2), "a resource"));
      }
    }
    return new SiweMessage(
        header.group(1),
        header.group(2),
        address,
        statement,
        uri,
        Long.parseLong(chainId),
        nonce,
        issuedAt,
        expiration,
        notBefore,
        requestId,
        resources);
  }

  private static String absoluteUri(String value, String name) {
    try {
      if (new URI(value).getScheme() != null) return value;
    } catch (URISyntaxException e) {
      throw invalid(name + " must be an absolute URI (RFC 3986)");
    }
    throw invalid(name + " must be an absolute URI (RFC 3986)");
  }

  private static Instant time(String value, String name) {
    if (!RFC3339.matcher(value).matches()) throw invalid(name + " must be an RFC 3339 date-time");
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an RFC 3339 date-time");
    }
  }

  private static SignetException invalid(String why) {
    return SignetException.InvalidRequest.field("Sign-In with Ethereum message: " + why);
  }

  /** The message's lines, split on LF only; a CR anywhere makes it invalid. */
  private static final class Lines {
    private final String[] lines;
    private int next;

    Lines(String text) {
      if (text.indexOf('\r') >= 0) throw invalid("lines end with LF only");
      this.lines = text.split("\n", -1);
    }

    boolean hasNext() {
      return next < lines.length;
    }

    String next() {
      if (!hasNext()) throw invalid("the message ends early");
      return lines[next++];
    }

    String field(String name) {
      return optionalField(name).orElseThrow(() -> invalid("'" + name + ": ' is required here"));
    }

    Optional<String> optionalField(String name) {
      String prefix = name + ": ";
      if (hasNext() && lines[next].startsWith(prefix)) {
        return Optional.of(lines[next++].substring(prefix.length()));
      }
      return Optional.empty();
    }
  }
}
