#!/bin/sh
# Reproduces the portblock unblock bug (resource-agents 4.12 + iptables 1.8.9) in a throwaway
# network namespace and records what remains. Run as root; writes *.txt next to this script.
set -u
out=$(cd "$(dirname "$0")" && pwd)
ns=hastorage-pb-capture-$$
state=$(mktemp -d)
ip netns add "$ns"
trap 'ip netns del "$ns"; rm -rf "$state"' EXIT

agent() { # INSTANCE ACTION OP [AGENT]
	echo "\$ portblock $3  (instance $1, action=$2)"
	ip netns exec "$ns" env OCF_ROOT=/usr/lib/ocf HA_RSCTMP="$state" OCF_RESOURCE_INSTANCE="$1" \
		OCF_RESKEY_ip=10.20.1.180 OCF_RESKEY_portno=3260 OCF_RESKEY_protocol=tcp \
		OCF_RESKEY_action="$2" "${4:-/usr/lib/ocf/resource.d/heartbeat/portblock}" "$3" 2>&1
	echo "rc=$?"
}
rules() { echo "\$ iptables -S INPUT"; ip netns exec "$ns" iptables -S INPUT 2>&1; }

{
	echo "\$ iptables -V"; ip netns exec "$ns" iptables -V
	echo "\$ dpkg-query -W resource-agents"; dpkg-query -W resource-agents
	agent p_block block start; rules
	echo "\$ iptables -n -L INPUT"; ip netns exec "$ns" iptables -n -L INPUT
	agent p_unblock unblock start; rules
	agent p_unblock unblock monitor
	agent p_unblock unblock stop; rules
	agent p_block block stop; rules
} > "$out/stock-agent-transcript.txt"
ip netns exec "$ns" iptables -F INPUT

{
	echo "\$ iptables -n -L INPUT   (after: iptables -I INPUT -p tcp -d 10.20.1.180 -m multiport --dports 3260 -j DROP)"
	ip netns exec "$ns" iptables -I INPUT -p tcp -d 10.20.1.180 -m multiport --dports 3260 -j DROP
	ip netns exec "$ns" iptables -n -L INPUT
	echo "\$ iptables -L INPUT"; ip netns exec "$ns" iptables -L INPUT
	ip netns exec "$ns" iptables -F INPUT
	echo "\$ iptables-legacy -V"; ip netns exec "$ns" iptables-legacy -V
	echo "\$ iptables-legacy -n -L INPUT   (after the same -I with iptables-legacy)"
	ip netns exec "$ns" iptables-legacy -I INPUT -p tcp -d 10.20.1.180 -m multiport --dports 3260 -j DROP
	ip netns exec "$ns" iptables-legacy -n -L INPUT
	ip netns exec "$ns" iptables-legacy -F INPUT
} > "$out/iptables-listing-forms.txt"

{
	echo "# the parameter protocol=6 instead of tcp"
	echo "\$ portblock validate-all  (protocol=6)"
	(ip netns exec "$ns" env OCF_ROOT=/usr/lib/ocf HA_RSCTMP="$state" OCF_RESOURCE_INSTANCE=p6 \
		OCF_RESKEY_ip=10.20.1.180 OCF_RESKEY_portno=3260 OCF_RESKEY_protocol=6 \
		OCF_RESKEY_action=unblock /usr/lib/ocf/resource.d/heartbeat/portblock validate-all ; echo "rc=$?") 2>&1 |
		sed 's/^[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]* //'
} > "$out/protocol-number-parameter.txt"
