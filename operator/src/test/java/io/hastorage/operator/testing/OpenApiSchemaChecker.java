package io.hastorage.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an object against a CRD's openAPIV3Schema the way the API server does for the keywords our
 * CRDs use (type, properties, items, required, pattern, minimum, maximum, minItems, maxItems,
 * enum). CEL rules are not evaluated. Test-only: there is no real API server here.
 */
public final class OpenApiSchemaChecker {

  private final JsonNode schema;

  private OpenApiSchemaChecker(JsonNode schema) {
    this.schema = schema;
  }

  public static OpenApiSchemaChecker forCrd(Path crdYaml) throws IOException {
    JsonNode crd = new YAMLMapper().readTree(crdYaml.toFile());
    return new OpenApiSchemaChecker(
        crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
  }

  public List<String> check(JsonNode object) {
    List<String> errors = new ArrayList<>();
    check(schema, object, "", errors);
    return errors;
  }

  private void check(JsonNode s, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    switch (s.path("type").asText("")) {
      case "object" -> checkObject(s, value, path, errors);
      case "array" -> {
        checkSize(s, value.size(), path, errors);
        for (int i = 0; i < value.size(); i++) {
          check(s.path("items"), value.get(i), path + "[" + i + "]", errors);
        }
      }
      case "string" -> checkString(s, value, path, errors);
      case "integer", "number" -> checkNumber(s, value, path, errors);
      default -> {}
    }
  }

  private void checkObject(JsonNode s, JsonNode value, String path, List<String> errors) {
    s.path("required")
        .forEach(
            r -> {
              if (!value.has(r.asText())) {
                errors.add(path + "." + r.asText() + ": Required value");
              }
            });
    s.path("properties")
        .fields()
        .forEachRemaining(
            p -> check(p.getValue(), value.get(p.getKey()), path + "." + p.getKey(), errors));
  }

  private static void checkString(JsonNode s, JsonNode value, String path, List<String> errors) {
    if (s.has("pattern")
        && !Pattern.compile(s.get("pattern").asText()).matcher(value.asText()).find()) {
      errors.add(path + ": should match '" + s.get("pattern").asText() + "'");
    }
    if (s.has("enum")) {
      boolean allowed = false;
      for (JsonNode e : s.get("enum")) {
        allowed |= e.asText().equals(value.asText());
      }
      if (!allowed) {
        errors.add(path + ": Unsupported value");
      }
    }
  }

  private static void checkNumber(JsonNode s, JsonNode value, String path, List<String> errors) {
    if (s.has("minimum") && value.asDouble() < s.get("minimum").asDouble()
        || s.has("maximum") && value.asDouble() > s.get("maximum").asDouble()) {
      errors.add(path + ": out of range");
    }
  }

  private static void checkSize(JsonNode s, int size, String path, List<String> errors) {
    if (s.has("minItems") && size < s.get("minItems").asInt()
        || s.has("maxItems") && size > s.get("maxItems").asInt()) {
      errors.add(path + ": wrong number of items");
    }
  }
}
