package io.hastorage.operator.plan.pacemaker;

import static io.hastorage.operator.api.common.ValidationPatterns.FENCE_AGENT;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_VALUE;
import static io.hastorage.operator.plan.pacemaker.CanonicalXml.escapeAttribute;

import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.SecretKeyRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the CIB elements and cluster properties the spec asks for. Pure: same spec and secret
 * values, same canonical XML, so the diff against the live CIB is empty once converged.
 *
 * <p>Every id starts with {@link CibElement#OWNED_PREFIX}, nested ids included, so nothing the
 * operator writes can collide with a hand-made element. Spec values are checked again here (the CRD
 * schema can be bypassed); XML escaping makes any remaining character harmless in the CIB.
 *
 * <p>Secret parameter values are looked up in a map keyed {@link #secretKey "DEVICE/PARAM"}; the
 * caller reads them from the Secrets that {@link #requiredSecrets} names.
 */
public final class PacemakerElements {

  public static final String STONITH_ENABLED = "stonith-enabled";
  static final String HOST_LIST = "pcmk_host_list";
  static final String MONITOR_INTERVAL = "60s";

  private PacemakerElements() {}

  /** Every element the spec wants: per device its primitive, then its avoid-self constraint. */
  public static List<CibElement> desired(
      StorageClusterSpec spec, Map<String, String> secretValues) {
    List<CibElement> elements = new ArrayList<>();
    for (StonithDevice device : spec.pacemakerOrEmpty().stonith) {
      elements.add(stonith(device, secretValues));
      elements.add(avoidSelf(device));
    }
    return elements;
  }

  /**
   * The fence device: a stonith-class primitive whose instance attributes are the plain parameters
   * in spec order, then the secret ones, then {@value #HOST_LIST} naming the one node it fences.
   *
   * @throws IllegalArgumentException if a value fails validation, a parameter repeats, or a secret
   *     value is missing; the message names device and parameter, never a secret value
   */
  public static CibElement stonith(StonithDevice device, Map<String, String> secretValues) {
    checkDevice(device);
    String id = stonithId(device);
    String attributesId = id + "-instance_attributes";
    StringBuilder nvpairs = new StringBuilder();
    Set<String> seen = new HashSet<>(Set.of(HOST_LIST));
    for (StonithDevice.Parameter p : device.parameters) {
      checkParameterName(device, p.name, seen);
      check(p.value, PARAMETER_VALUE, "value of parameter " + p.name + " of " + device.name);
      nvpairs.append(nvpair(attributesId, p.name, p.value));
    }
    for (StonithDevice.SecretParameter p : device.secretParameters) {
      checkParameterName(device, p.name, seen);
      nvpairs.append(nvpair(attributesId, p.name, secretValue(device, p.name, secretValues)));
    }
    nvpairs.append(nvpair(attributesId, HOST_LIST, device.fencesNode));
    String xml =
        "<primitive id=\"%s\" class=\"stonith\" type=\"%s\"><instance_attributes id=\"%s\">%s"
                .formatted(id, device.agent, attributesId, nvpairs)
            + "</instance_attributes><operations><op id=\"%s\" name=\"monitor\" interval=\"%s\"/>"
                .formatted(id + "-monitor-interval-" + MONITOR_INTERVAL, MONITOR_INTERVAL)
            + "</operations></primitive>";
    return new CibElement(id, "primitive", CibElement.RESOURCES, xml);
  }

  /** Keeps a fence device off the node it fences: a node must never be trusted to shoot itself. */
  public static CibElement avoidSelf(StonithDevice device) {
    checkDevice(device);
    String id = CibElement.OWNED_PREFIX + "location-" + device.name + "-avoid-self";
    String xml =
        "<rsc_location id=\"%s\" rsc=\"%s\" node=\"%s\" score=\"-INFINITY\"/>"
            .formatted(id, stonithId(device), device.fencesNode);
    return new CibElement(id, "rsc_location", CibElement.CONSTRAINTS, xml);
  }

  /**
   * The cluster properties the spec manages, in order: {@value #STONITH_ENABLED} first ("false"
   * only for an unfenced lab without devices, otherwise "true": fencing is the default), then
   * spec.pacemaker.properties as written. Nothing else, no-quorum-policy included, is set unless
   * the spec names it.
   *
   * @throws IllegalArgumentException if a property repeats, fails validation, or is {@value
   *     #STONITH_ENABLED} (the fencing settings decide that one)
   */
  public static Map<String, String> desiredProperties(StorageClusterSpec spec) {
    PacemakerSpec pacemaker = spec.pacemakerOrEmpty();
    boolean unfenced = pacemaker.unfencedLabOrDefault() && pacemaker.stonith.isEmpty();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(STONITH_ENABLED, unfenced ? "false" : "true");
    for (StonithDevice.Parameter p : pacemaker.properties) {
      check(p.name, PARAMETER_NAME, "property name");
      check(p.value, PARAMETER_VALUE, "value of property " + p.name);
      if (p.name.equals(STONITH_ENABLED)) {
        throw new IllegalArgumentException(
            "property stonith-enabled follows spec.pacemaker.stonith and unfencedLab");
      }
      if (properties.putIfAbsent(p.name, p.value) != null) {
        throw new IllegalArgumentException("property " + p.name + " is listed twice");
      }
    }
    return properties;
  }

  /** The Pacemaker id of a device's primitive. */
  public static String stonithId(StonithDevice device) {
    return CibElement.OWNED_PREFIX + "stonith-" + device.name;
  }

  /** The key of a secret parameter's value in the map the renderer and planner take. */
  public static String secretKey(String deviceName, String parameterName) {
    return deviceName + "/" + parameterName;
  }

  /**
   * Which Secret keys the renderer needs, by {@link #secretKey}. A reference without a key defaults
   * to the parameter's name.
   */
  /**
   * The ids the StorageCluster manages: its fence devices and their avoid-self constraints. Other
   * owned elements (a DrbdVolume's clone, an ScstTarget's group) belong to their own resources.
   */
  public static boolean managedByCluster(String id) {
    return id.startsWith(CibElement.OWNED_PREFIX + "stonith-")
        || id.startsWith(CibElement.OWNED_PREFIX + "location-") && id.endsWith("-avoid-self");
  }

  public static Map<String, SecretKeyRef> requiredSecrets(StorageClusterSpec spec) {
    Map<String, SecretKeyRef> refs = new LinkedHashMap<>();
    for (StonithDevice device : spec.pacemakerOrEmpty().stonith) {
      for (StonithDevice.SecretParameter p : device.secretParameters) {
        refs.put(
            secretKey(device.name, p.name),
            new SecretKeyRef(p.secretKeyRef.name, p.secretKeyRef.keyOr(p.name)));
      }
    }
    return refs;
  }

  private static String secretValue(
      StonithDevice device, String parameter, Map<String, String> secretValues) {
    String value = secretValues.get(secretKey(device.name, parameter));
    String what = "secret parameter " + parameter + " of stonith device " + device.name;
    if (value == null) {
      throw new IllegalArgumentException("no value for " + what);
    }
    if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          what + " is empty or holds a control character (a trailing newline from a file?)");
    }
    return value;
  }

  private static String nvpair(String setId, String name, String value) {
    return "<nvpair id=\"%s\" name=\"%s\" value=\"%s\"/>"
        .formatted(setId + "-" + name, name, escapeAttribute(value));
  }

  private static void checkDevice(StonithDevice device) {
    check(device.name, K8S_NAME, "stonith device name");
    check(device.agent, FENCE_AGENT, "fence agent of " + device.name);
    check(device.fencesNode, HOSTNAME, "fencesNode of " + device.name);
  }

  private static void checkParameterName(StonithDevice device, String name, Set<String> seen) {
    check(name, PARAMETER_NAME, "parameter name of " + device.name);
    if (!seen.add(name)) {
      throw new IllegalArgumentException(
          "parameter "
              + name
              + " of stonith device "
              + device.name
              + (name.equals(HOST_LIST) ? " is set from fencesNode" : " is listed twice"));
    }
  }

  private static void check(String value, String pattern, String what) {
    if (value == null || !value.matches(pattern)) {
      throw new IllegalArgumentException(what + " is missing or not allowed");
    }
  }
}
