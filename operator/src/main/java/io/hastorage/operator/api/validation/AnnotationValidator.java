package io.hastorage.operator.api.validation;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a spec object against the very annotations that generate the CRD schema
 * ({@code @Required}, {@code @Pattern}, {@code @Min}, {@code @Max}, {@code @Size}, also on list
 * items). The schema can be bypassed, so the operator re-checks everything before any value gets
 * near a node; keeping one source for both means they cannot drift apart.
 */
public final class AnnotationValidator {

  private static final String API_PACKAGE = "io.hastorage.operator.api";
  private static final Map<String, java.util.regex.Pattern> PATTERNS = new ConcurrentHashMap<>();

  private AnnotationValidator() {}

  public static List<Violation> validate(Object spec, String rootPath) {
    List<Violation> violations = new ArrayList<>();
    if (spec == null) {
      violations.add(new Violation(rootPath, "is required"));
    } else {
      validateObject(spec, rootPath, violations);
    }
    return violations;
  }

  private static void validateObject(Object object, String path, List<Violation> out) {
    for (Class<?> type = object.getClass(); isApiType(type); type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())) {
          continue;
        }
        validateValue(
            read(field, object),
            field,
            field.getAnnotatedType(),
            path + "." + field.getName(),
            out);
      }
    }
  }

  private static void validateValue(
      Object value,
      AnnotatedElement annotations,
      AnnotatedType type,
      String path,
      List<Violation> out) {
    if (value == null) {
      if (annotations.isAnnotationPresent(Required.class)) {
        out.add(new Violation(path, "is required"));
      }
      return;
    }
    checkSize(value, annotations.getAnnotation(Size.class), path, out);
    checkBounds(value, annotations, path, out);
    checkPattern(value, type.getAnnotation(Pattern.class), path, out);
    if (value instanceof Collection<?> items) {
      AnnotatedType itemType = itemType(type);
      int index = 0;
      for (Object item : items) {
        validateValue(item, itemType, itemType, path + "[" + index++ + "]", out);
      }
    } else if (isApiType(value.getClass()) && !value.getClass().isEnum()) {
      validateObject(value, path, out);
    }
  }

  private static void checkPattern(
      Object value, Pattern pattern, String path, List<Violation> out) {
    if (pattern == null || !(value instanceof String text)) {
      return;
    }
    java.util.regex.Pattern compiled =
        PATTERNS.computeIfAbsent(pattern.value(), java.util.regex.Pattern::compile);
    if (!compiled.matcher(text).matches()) {
      out.add(new Violation(path, Violation.show(text) + " does not match " + pattern.value()));
    }
  }

  private static void checkBounds(
      Object value, AnnotatedElement annotations, String path, List<Violation> out) {
    if (!(value instanceof Number number)) {
      return;
    }
    Min min = annotations.getAnnotation(Min.class);
    Max max = annotations.getAnnotation(Max.class);
    double actual = number.doubleValue();
    if (min != null && (min.inclusive() ? actual < min.value() : actual <= min.value())) {
      out.add(new Violation(path, number + " is below the minimum " + (long) min.value()));
    }
    if (max != null && (max.inclusive() ? actual > max.value() : actual >= max.value())) {
      out.add(new Violation(path, number + " is above the maximum " + (long) max.value()));
    }
  }

  private static void checkSize(Object value, Size size, String path, List<Violation> out) {
    if (size == null) {
      return;
    }
    long length =
        value instanceof Collection<?> c
            ? c.size()
            : value instanceof String s ? s.length() : value instanceof Map<?, ?> m ? m.size() : -1;
    if (length >= 0 && (length < size.min() || length > size.max())) {
      out.add(
          new Violation(
              path, "has size " + length + ", allowed " + size.min() + ".." + size.max()));
    }
  }

  private static AnnotatedType itemType(AnnotatedType listType) {
    if (listType instanceof AnnotatedParameterizedType parameterized) {
      return parameterized.getAnnotatedActualTypeArguments()[0];
    }
    return listType;
  }

  private static boolean isApiType(Class<?> type) {
    return type != null && type.getName().startsWith(API_PACKAGE);
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("public field not readable: " + field, e);
    }
  }
}
