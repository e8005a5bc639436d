package io.hastorage.operator.plan.scst;

import io.hastorage.operator.plan.ManagedFiles;

/**
 * The agent {@code ocf:hastorage:portblock}: the node's own {@code ocf:heartbeat:portblock},
 * unchanged, run with an {@code iptables} whose {@code -L} listings name the protocol.
 *
 * <p>Why: the stock agent decides whether its DROP rule exists by grepping {@code iptables -n -L
 * CHAIN} for {@code ^DROP tcp -- ...}. iptables 1.8.9 (Debian 12, both the nft and the legacy
 * backend, measured) prints the protocol number {@code 6} there instead (netfilter bug 1729, fixed
 * in 1.8.10). The agent then never sees its rule: {@code action=unblock} start leaves the DROP in
 * place (clients stay blocked after a failover), {@code block} stop leaves it too, and unblock stop
 * adds a duplicate. Upstream fixed the grep in ClusterLabs/resource-agents PR #1924 (after 4.13.0);
 * distributions backport it under older version numbers, so the version cannot prove the fix.
 *
 * <p>How: every iptables call of the agent goes through {@code $IPTABLES}, which {@code
 * ocf-binaries} only defaults ({@code : ${IPTABLES:=iptables}}). This script sets it to itself in
 * an iptables mode, then executes the stock agent with the same action and environment, so
 * parameters, meta-data, state files and tickle support stay the stock agent's. In iptables mode, a
 * listing ({@code -L}/{@code --list}) gets its protocol column rewritten from 6/17 to tcp/udp, and
 * its exit code kept; every other call is passed through with {@code exec}. Where iptables already
 * prints names, or the agent already accepts numbers, the rewrite changes nothing, so the wrapper
 * is safe on every version.
 *
 * <p>One file, not wrapper plus helper: a single atomic write can never leave the agent pointing at
 * a helper that is not there yet.
 */
public final class PortblockWrapperAgent {

  /** Where Pacemaker finds {@code ocf:hastorage:portblock}. */
  public static final String PATH = "/usr/lib/ocf/resource.d/hastorage/portblock";

  /** Agents are executed by pacemaker-execd as root; others may read and run it. */
  public static final String MODE = "0755";

  /** The first argument that selects iptables mode; no OCF action is spelled like this. */
  static final String IPTABLES_MODE = "--hastorage-iptables";

  private static final String BODY =
      """
      #
      # ocf:hastorage:portblock runs ocf:heartbeat:portblock with an iptables whose
      # "-L" listing names the protocol (tcp/udp). iptables 1.8.9 prints 6/17 there,
      # so the stock agent never finds its own DROP rule and action=unblock never
      # removes it. Written by the operator on nodes where that was detected.

      if [ "$1" = "%1$s" ]; then
      \tshift
      \tcase " $* " in
      \t*" -L "* | *" --list "*)
      \t\tlisting=$(iptables "$@")
      \t\trc=$?
      \t\tprintf '%%s\\n' "$listing" | sed \\
      \t\t\t-e 's/^\\([^[:space:]][^[:space:]]*[[:space:]][[:space:]]*\\)6\\([[:space:]]\\)/\\1tcp\\2/' \\
      \t\t\t-e 's/^\\([^[:space:]][^[:space:]]*[[:space:]][[:space:]]*\\)17\\([[:space:]]\\)/\\1udp\\2/'
      \t\texit $rc
      \t\t;;
      \tesac
      \texec iptables "$@"
      fi

      IPTABLES="$0 %1$s"
      export IPTABLES
      exec "${OCF_ROOT:-/usr/lib/ocf}/resource.d/heartbeat/portblock" "$@"
      """;

  private PortblockWrapperAgent() {}

  /** The script, with the operator's ownership header. */
  public static String script() {
    return "#!/bin/sh\n" + ManagedFiles.header("#") + BODY.formatted(IPTABLES_MODE);
  }
}
