package io.hastorage.operator.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders docs/reference/crds.md from the generated CRDs in crds/: every spec field of the four
 * resources with its type, whether it is required, its schema default, its constraints (pattern,
 * enum, bounds, CEL rules) and its description. Pure: the same CRD files give the same text.
 */
public final class CrdReference {

  /** The CRD files in the order the reference lists them. */
  public static final List<String> FILES =
      List.of(
          "storageclusters.hastorage.io.yaml",
          "drbdvolumes.hastorage.io.yaml",
          "scsttargets.hastorage.io.yaml",
          "ocfs2mounts.hastorage.io.yaml");

  private static final Map<String, String> STATE =
      Map.of(
          "StorageCluster", "Reconciled.",
          "DrbdVolume", "Reconciled.",
          "ScstTarget", "Reconciled.",
          "Ocfs2Mount",
              "Reconciled. Deleting it unmounts and logs out; the file system stays"
                  + " (`spec.deletionPolicy` mode Destroy is refused).");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  /** The reference text for the CRD files in {@code crdDirectory}. */
  public String render(Path crdDirectory) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("# CRD reference\n\n")
        .append(
            "<!-- Generated from crds/*.yaml by operator/src/test/java/io/hastorage/operator/docs/"
                + "CrdReference.java. Do not edit: refresh with\n"
                + "     HASTORAGE_UPDATE_DOCS=1 mvn -pl operator test -Dtest=DocsReferenceTest -->\n\n")
        .append(
            "Every `spec` field of the four resources (API group `hastorage.io`, version"
                + " `v1alpha1`), as the CRD schema in `crds/` declares it. *Default* is the"
                + " schema's default, applied by the API server; where it is empty, the"
                + " description says what the operator assumes when the field is left out."
                + " *Constraints* are enforced by the API server **and** again by the operator's"
                + " own validation (`SpecValidator`), which also checks what a schema cannot"
                + " (cross-field and cross-resource rules); a violation is reported as"
                + " `SpecValid=False InvalidSpec` and nothing reaches a node.\n\n")
        .append("`a[]` is an element of the list `a`; `m{}` a value of the map `m`.\n\n");
    List<JsonNode> crds = new ArrayList<>();
    for (String file : FILES) {
      crds.add(yaml.readTree(crdDirectory.resolve(file).toFile()));
    }
    for (JsonNode crd : crds) {
      String kind = crd.at("/spec/names/kind").asText();
      out.append("- [").append(kind).append("](#").append(kind.toLowerCase()).append(")\n");
    }
    for (JsonNode crd : crds) {
      renderCrd(crd, out);
    }
    return out.toString();
  }

  private void renderCrd(JsonNode crd, StringBuilder out) {
    JsonNode names = crd.at("/spec/names");
    String kind = names.path("kind").asText();
    JsonNode version = crd.at("/spec/versions/0");
    out.append("\n## ").append(kind).append("\n\n");
    out.append("`")
        .append(crd.at("/metadata/name").asText())
        .append("`, version `")
        .append(version.path("name").asText())
        .append("`, ")
        .append(crd.at("/spec/scope").asText().toLowerCase())
        .append(", plural `")
        .append(names.path("plural").asText())
        .append("`");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add("`" + n.asText() + "`"));
    if (!shortNames.isEmpty()) {
      out.append(", short names ").append(String.join(", ", shortNames));
    }
    out.append(". ").append(STATE.getOrDefault(kind, "")).append("\n\n");
    List<String> columns = new ArrayList<>();
    version
        .path("additionalPrinterColumns")
        .forEach(
            c -> columns.add(c.path("name").asText() + " (`" + c.path("jsonPath").asText() + "`)"));
    if (!columns.isEmpty()) {
      out.append("`kubectl get` columns: ")
          .append(escape(String.join(", ", columns)))
          .append(".\n\n");
    }
    out.append("| field | type | required | default | constraints | description |\n");
    out.append("|---|---|---|---|---|---|\n");
    JsonNode spec = version.at("/schema/openAPIV3Schema/properties/spec");
    properties(spec, "spec", out);
  }

  private void properties(JsonNode object, String path, StringBuilder out) {
    Set<String> required = new HashSet<>();
    object.path("required").forEach(r -> required.add(r.asText()));
    Iterator<Map.Entry<String, JsonNode>> fields = object.path("properties").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      field(field.getValue(), path + "." + field.getKey(), required.contains(field.getKey()), out);
    }
  }

  private void field(JsonNode schema, String path, boolean required, StringBuilder out) {
    out.append("| `")
        .append(escape(path))
        .append("` | ")
        .append(type(schema))
        .append(" | ")
        .append(required ? "yes" : "")
        .append(" | ")
        .append(schema.has("default") ? "`" + escape(schema.get("default").asText()) + "`" : "")
        .append(" | ")
        .append(constraints(schema))
        .append(" | ")
        .append(escape(schema.path("description").asText("").replace("\n", " ")))
        .append(" |\n");
    switch (schema.path("type").asText()) {
      case "object" -> {
        properties(schema, path, out);
        JsonNode values = schema.path("additionalProperties");
        if (values.isObject() && "object".equals(values.path("type").asText())) {
          properties(values, path + "{}", out);
        }
      }
      case "array" -> {
        JsonNode items = schema.path("items");
        if ("object".equals(items.path("type").asText())) {
          properties(items, path + "[]", out);
        }
      }
      default -> {}
    }
  }

  private static String type(JsonNode schema) {
    String type = schema.path("type").asText("any");
    return switch (type) {
      case "array" -> "list of " + type(schema.path("items"));
      case "object" ->
          schema.path("additionalProperties").isObject()
              ? "map of " + type(schema.path("additionalProperties"))
              : "object";
      default -> schema.has("format") ? type + " (" + schema.get("format").asText() + ")" : type;
    };
  }

  private static String constraints(JsonNode schema) {
    List<String> parts = new ArrayList<>();
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add("`" + v.asText() + "`"));
      parts.add("one of " + String.join(", ", values));
    }
    bounds(schema, "minimum", "maximum", "").ifPresent(parts::add);
    bounds(schema, "minItems", "maxItems", " items").ifPresent(parts::add);
    if (schema.has("pattern")) {
      parts.add("pattern `" + schema.get("pattern").asText() + "`");
    }
    schema
        .path("x-kubernetes-validations")
        .forEach(
            rule ->
                parts.add(
                    "rule `"
                        + rule.path("rule").asText()
                        + "`"
                        + (rule.has("message") ? ": " + rule.get("message").asText() : "")));
    return escape(String.join("; ", parts));
  }

  /** "1 to 8 items", "at least 2", "at most 16 items". */
  private static java.util.Optional<String> bounds(
      JsonNode schema, String min, String max, String unit) {
    if (schema.has(min) && schema.has(max)) {
      return java.util.Optional.of(
          number(schema.get(min)) + " to " + number(schema.get(max)) + unit);
    }
    if (schema.has(min)) {
      return java.util.Optional.of("at least " + number(schema.get(min)) + unit);
    }
    if (schema.has(max)) {
      return java.util.Optional.of("at most " + number(schema.get(max)) + unit);
    }
    return java.util.Optional.empty();
  }

  /** 600.0 as 600; the generator writes integer bounds as doubles. */
  private static String number(JsonNode value) {
    double d = value.asDouble();
    return d == Math.rint(d) ? String.valueOf((long) d) : value.asText();
  }

  /** Table cells: a pipe (even inside a code span) must be escaped in GitHub Markdown tables. */
  private static String escape(String text) {
    return text.replace("|", "\\|");
  }

  /** Writes the reference for the command line: CrdReference CRD_DIR OUT_FILE. */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args[1]), new CrdReference().render(Path.of(args[0])));
  }
}
