package io.hastorage.operator.api.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.EMAIL;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_VALUE;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The seed's p_email_admin: mail on failover. */
public class MailTo {
  @Required
  @Pattern(EMAIL)
  public String email;

  @Pattern(PARAMETER_VALUE)
  public String subject;
}
