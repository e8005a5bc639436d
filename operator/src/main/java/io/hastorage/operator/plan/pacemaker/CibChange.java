package io.hastorage.operator.plan.pacemaker;

import java.util.Locale;
import java.util.Objects;

/**
 * One change to one owned top-level CIB element.
 *
 * @param kind what to do
 * @param element the desired element for CREATE and REPLACE; the element as the CIB holds it now
 *     for DELETE (only its id and tag are sent)
 * @param currentTag the element's tag in the CIB now, which addresses it for REPLACE (a desired
 *     group may replace a primitive of the same id); for CREATE, the element's own tag
 */
public record CibChange(Kind kind, CibElement element, String currentTag) {

  /** The three changes the operator makes, each with its own {@code cibadmin} verb. */
  public enum Kind {
    CREATE,
    REPLACE,
    DELETE
  }

  public CibChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(element, "element");
    Objects.requireNonNull(currentTag, "currentTag");
    if (!element.owned()) {
      throw new IllegalArgumentException("the operator does not own " + element);
    }
  }

  public static CibChange create(CibElement desired) {
    return new CibChange(Kind.CREATE, desired, desired.tag());
  }

  public static CibChange replace(CibElement current, CibElement desired) {
    return new CibChange(Kind.REPLACE, desired, current.tag());
  }

  public static CibChange delete(CibElement current) {
    return new CibChange(Kind.DELETE, current, current.tag());
  }

  /** "create primitive hastorage-stonith-x (resources)": ids and tags only, never XML. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + " " + element;
  }
}
