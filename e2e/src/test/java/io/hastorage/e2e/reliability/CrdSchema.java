package io.hastorage.e2e.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A committed CRD's openAPIV3Schema, checked the way the API server checks the keywords our CRDs
 * use (required, pattern, enum, minimum, maximum, minItems, maxItems). Patterns are matched like
 * RE2 does: {@code $} only at the very end, never before a trailing newline. CEL rules
 * (x-kubernetes-validations) cannot be evaluated here; {@link #rules} lists them.
 */
final class CrdSchema {

  private final JsonNode schema;

  private CrdSchema(JsonNode schema) {
    this.schema = schema;
  }

  /** The schema of {@code kind} among the CRDs in {@code crds}. */
  static CrdSchema of(Path crds, String kind) throws IOException {
    YAMLMapper yaml = new YAMLMapper();
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode crd = yaml.readTree(file.toFile());
        if (kind.equals(crd.path("spec").path("names").path("kind").asText())) {
          return new CrdSchema(
              crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema"));
        }
      }
    }
    throw new IllegalArgumentException("no CRD for " + kind + " in " + crds);
  }

  /** What the API server would reject in {@code resource}, each as {@code path: problem}. */
  List<String> errors(HasMetadata resource) {
    List<String> errors = new ArrayList<>();
    check(schema, Serialization.jsonMapper().valueToTree(resource), "", errors);
    return errors;
  }

  /** The messages of the CEL rules on the field at {@code path} (e.g. {@code spec.luns}). */
  List<String> rules(String path) {
    JsonNode node = schema;
    for (String name : path.split("\\.")) {
      node = node.path("properties").path(name);
    }
    List<String> messages = new ArrayList<>();
    node.path("x-kubernetes-validations").forEach(r -> messages.add(r.path("message").asText()));
    return messages;
  }

  private static void check(JsonNode s, JsonNode value, String path, List<String> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    switch (s.path("type").asText("")) {
      case "object" -> {
        s.path("required")
            .forEach(
                r -> {
                  if (!value.has(r.asText())) {
                    errors.add(join(path, r.asText()) + ": Required value");
                  }
                });
        s.path("properties")
            .fields()
            .forEachRemaining(
                p -> check(p.getValue(), value.get(p.getKey()), join(path, p.getKey()), errors));
      }
      case "array" -> {
        if (s.has("minItems") && value.size() < s.get("minItems").asInt()
            || s.has("maxItems") && value.size() > s.get("maxItems").asInt()) {
          errors.add(path + ": wrong number of items");
        }
        for (int i = 0; i < value.size(); i++) {
          check(s.path("items"), value.get(i), path + "[" + i + "]", errors);
        }
      }
      case "string" -> {
        if (s.has("pattern") && !re2(s.get("pattern").asText()).matcher(value.asText()).find()) {
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
      case "integer", "number" -> {
        if (s.has("minimum") && value.asDouble() < s.get("minimum").asDouble()
            || s.has("maximum") && value.asDouble() > s.get("maximum").asDouble()) {
          errors.add(path + ": out of range");
        }
      }
      default -> {}
    }
  }

  /** Java's {@code $} also matches before a final newline; RE2's (without m) does not. */
  private static Pattern re2(String pattern) {
    return Pattern.compile(
        pattern.endsWith("$") && !pattern.endsWith("\\$")
            ? pattern.substring(0, pattern.length() - 1) + "\\z"
            : pattern);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
