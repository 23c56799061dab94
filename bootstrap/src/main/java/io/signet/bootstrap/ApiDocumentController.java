package io.signet.bootstrap;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API document ({@code /openapi.yaml}, OpenAPI 3.1, written by hand next to the code and held
 * to the running routes and real responses by {@code OpenApiIT}) and Swagger UI over it ({@code
 * /swagger-ui}, from the swagger-ui webjar in the jar: no CDN, works offline).
 */
@Controller
class ApiDocumentController {
  static final String DOCUMENT = "openapi/signet.yaml";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";

  /** The only files of the webjar the page loads; anything else is 404. */
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css",
          "swagger-ui-bundle.js", "text/javascript",
          "swagger-ui-standalone-preset.js", "text/javascript",
          "favicon-32x32.png", "image/png");

  private static final String PAGE =
      """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Signet API</title>
        <link rel="icon" href="/swagger-ui/assets/favicon-32x32.png">
        <link rel="stylesheet" href="/swagger-ui/assets/swagger-ui.css">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="/swagger-ui/assets/swagger-ui-bundle.js"></script>
        <script src="/swagger-ui/assets/swagger-ui-standalone-preset.js"></script>
        <script>
          window.ui = SwaggerUIBundle({
            url: "/openapi.yaml",
            dom_id: "#swagger-ui",
            presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
            layout: "StandaloneLayout"
          });
        </script>
      </body>
      </html>
      """;

  private final byte[] document = read(DOCUMENT);
  private final String webjarVersion = webjarVersion();

  @Get("/openapi.yaml")
  @Produces("application/yaml")
  byte[] document() {
    return document;
  }

  @Get("/swagger-ui")
  @Produces(MediaType.TEXT_HTML)
  String swaggerUi() {
    return PAGE;
  }

  @Get("/swagger-ui/assets/{file}")
  HttpResponse<byte[]> asset(@PathVariable String file) {
    String type = ASSETS.get(file);
    if (type == null) throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such asset");
    return HttpResponse.ok(read(WEBJAR + webjarVersion + "/" + file)).contentType(type);
  }

  private static String webjarVersion() {
    Properties pom = new Properties();
    try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static byte[] read(String name) {
    try (InputStream in = resource(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ApiDocumentController.class.getClassLoader().getResourceAsStream(name);
    if (in == null) throw new IllegalStateException("missing from the jar: " + name);
    return in;
  }
}
