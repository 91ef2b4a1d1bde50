# tests/lab-lib.sh: a lab of hosts on one machine, for the cluster tests
# (issue 14). Sourced by bash after tests/lib.sh.
#
#   lab_start N        build hosts h1..hN: a network namespace each, joined by
#                      a bridge (one veth per host), 10.77.S.K/24 inside, each
#                      with its own UTS, PID and mount namespace around a real
#                      sshd (private config, keys made now, a tmpfs on /run,
#                      root's shell /bin/sh and its home the lab's)
#   lab_run CMD...     run CMD on "the client": this machine's network, a
#                      private mount namespace where /etc/hosts names the lab
#   lab_exec CMD... &  the same in the background: $! is CMD's own pid
#   lab_stop_sshd K    stop host hK's sshd (its namespace stays)
#   lab_pids K         the pids in host hK's PID namespace (its init excepted)
#   lab_idle K         true when lab_pids K is empty
#   lab_diag           for a failure's message: each host's sshd log and its
#                      processes (how long they have run, where they wait)
#
# After lab_start: LAB_DIR (keys, configs, hosts file), LAB_RSH (the ssh
# command with the lab's config: BatchMode, no host key checks), LAB_NET
# (10.77.S.0/24); the OMPI_MCA_* settings mpirun needs here are exported.
#
# Names are per test run (the bridge and namespaces carry $$, the subnet S is
# picked free under a lock), so two runs side by side never collide; a trap
# tears everything down on every exit path (lab_cleanup is chained into
# lib.sh's EXIT trap). Without root or where namespaces are forbidden the
# test is skipped (77).

LAB_ID="tt$$"
LAB_HOSTS=0
LAB_NS=""
LAB_BR=""
LAB_UNSHARE_PIDS=""

lab_cleanup() {
	local p
	for p in $LAB_UNSHARE_PIDS; do
		kill -KILL "$p" 2>/dev/null	# --kill-child: its namespace dies with it
	done
	for p in $LAB_NS; do
		# Anything still in the namespace (a test's stray child) goes too.
		ip netns pids "$p" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
		ip netns del "$p" 2>/dev/null
	done
	[ -n "$LAB_BR" ] && ip link del "$LAB_BR" 2>/dev/null
	lib_cleanup
}
trap lab_cleanup EXIT

lab_need() {
	# CI's budget: the lab runs in the plain and ASan checks, not a third
	# time inside make distcheck (whose build is in _build/sub).
	case "${TOP_BUILDDIR:-}" in
	*/_build/sub) skip "the lab does not run again inside distcheck" ;;
	esac
	[ "$(id -u)" = 0 ] || skip "the lab needs root (network namespaces)"
	command -v ip >/dev/null 2>&1 || skip "ip (iproute2) is not installed"
	command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
	[ -x /usr/sbin/sshd ] || skip "sshd (openssh-server) is not installed"
	command -v ssh >/dev/null 2>&1 || skip "ssh (openssh-client) is not installed"
	command -v ssh-keygen >/dev/null 2>&1 || skip "ssh-keygen is not installed"
	unshare --net --uts --pid --mount --fork true 2>/dev/null ||
		skip "namespaces are forbidden here"
}

# A /24 in 10.77.0.0/16 that no interface uses yet (under the lock).
lab_pick_subnet() {
	local s start
	start=$(( $$ % 250 + 1 ))
	s=$start
	while ip -4 -o addr show 2>/dev/null | grep -q " 10\.77\.$s\."; do
		s=$(( s % 250 + 1 ))
		[ "$s" = "$start" ] && fail "no free 10.77.x.0/24 for the lab"
	done
	echo "$s"
}

lab_start() {
	local n=$1 k ns s dir pid
	lab_need
	LAB_DIR=$(mk_tmpdir)
	dir=$LAB_DIR
	chmod 755 "$dir"
	ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" </dev/null || fail "ssh-keygen host"
	ssh-keygen -q -t ed25519 -N '' -f "$dir/id" </dev/null || fail "ssh-keygen user"
	cp "$dir/id.pub" "$dir/authorized_keys"
	chmod 600 "$dir/host_key" "$dir/id" "$dir/authorized_keys"

	exec 9>/tmp/turbotop-lab.lock
	flock 9
	s=$(lab_pick_subnet)
	LAB_NET="10.77.$s.0/24"
	LAB_BR="${LAB_ID}br"
	ip link add "$LAB_BR" type bridge forward_delay 0 || { flock -u 9; fail "ip link add bridge"; }
	ip addr add "10.77.$s.254/24" dev "$LAB_BR"
	ip link set "$LAB_BR" up
	flock -u 9
	exec 9>&-

	: > "$dir/hosts"
	printf '127.0.0.1 localhost\n10.77.%s.254 client\n' "$s" >> "$dir/hosts"
	for k in $(seq 1 "$n"); do
		printf '10.77.%s.%s h%s\n' "$s" "$k" "$k" >> "$dir/hosts"
	done
	cat > "$dir/ssh_config" <<-EOF
	Host *
	    User root
	    IdentityFile $dir/id
	    IdentitiesOnly yes
	    BatchMode yes
	    StrictHostKeyChecking no
	    UserKnownHostsFile /dev/null
	    GlobalKnownHostsFile /dev/null
	    LogLevel ERROR
	    ConnectTimeout 5
	EOF
	LAB_RSH="ssh -F $dir/ssh_config"
	# The hosts' root logs in to /bin/sh in a home of the lab's: not to
	# this machine's login shell and dotfiles (a ~/.bashrc that runs, say,
	# pyenv init: a rehash under one lock for every login of every lab
	# side by side, seconds each under load, and writes in /root).
	mkdir -p "$dir/home"
	awk -F: -v OFS=: -v home="$dir/home" \
	    '$1 == "root" { $6 = home; $7 = "/bin/sh" } 1' /etc/passwd \
	    > "$dir/passwd" || fail "the lab's passwd"

	for k in $(seq 1 "$n"); do
		ns="${LAB_ID}h$k"
		ip netns add "$ns" || fail "ip netns add $ns"
		LAB_NS="$LAB_NS $ns"
		ip link add "${LAB_ID}v$k" type veth peer name "${LAB_ID}p$k" ||
			fail "ip link add veth"
		ip link set "${LAB_ID}v$k" master "$LAB_BR" up
		ip link set "${LAB_ID}p$k" netns "$ns"
		ip -n "$ns" link set lo up
		ip -n "$ns" link set "${LAB_ID}p$k" name eth0
		ip -n "$ns" addr add "10.77.$s.$k/24" dev eth0
		ip -n "$ns" link set eth0 up
		cat > "$dir/sshd_config.h$k" <<-EOF
		ListenAddress 10.77.$s.$k
		HostKey $dir/host_key
		AuthorizedKeysFile $dir/authorized_keys
		PermitRootLogin prohibit-password
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		UsePAM no
		StrictModes no
		PidFile none
		PrintMotd no
		AcceptEnv OMPI_* TURBOTOP_*
		EOF
		# sshd must be the namespace's init's child: --fork, and SIGKILL
		# of the unshare (--kill-child) ends the whole PID namespace.
		ip netns exec "$ns" unshare --uts --pid --mount --fork \
		    --kill-child=SIGKILL --mount-proc sh -c '
			hostname "$1"
			mount -t tmpfs tmpfs /run
			mkdir -p /run/sshd
			mount --bind "$2/hosts" /etc/hosts
			mount --bind "$2/passwd" /etc/passwd
			exec /usr/sbin/sshd -D -e -f "$2/sshd_config.$1" 2>>"$2/sshd.$1.log"
		    ' sh "h$k" "$dir" </dev/null >/dev/null 2>&1 &
		pid=$!; disown "$pid"
		LAB_UNSHARE_PIDS="$LAB_UNSHARE_PIDS $pid"
		eval "LAB_PID_h$k=$pid"
	done
	LAB_HOSTS=$n
	for k in $(seq 1 "$n"); do
		wait_until 5 lab_listening "$k" ||
			fail "h$k's sshd did not answer: $(cat "$dir/sshd.h$k.log" 2>/dev/null)"
	done
	# What mpirun needs in the lab (it inherits them through turbotop):
	# the lab's subnet for its own and the ranks' traffic, root allowed,
	# session directories in the test's directory (a SIGKILLed mpirun
	# leaves them), no X11 probing by hwloc.
	export OMPI_MCA_oob_tcp_if_include=$LAB_NET
	export OMPI_MCA_btl_tcp_if_include=$LAB_NET
	export OMPI_MCA_plm_rsh_agent="$LAB_RSH"
	export OMPI_MCA_orte_tmpdir_base=$dir
	export OMPI_MCA_rmaps_base_oversubscribe=1
	export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
	export HWLOC_COMPONENTS=-gl
}

# hK's sshd listens (cheaper than an ssh login on a busy machine).
lab_listening() {
	ip netns exec "${LAB_ID}h$1" ss -Hltn 2>/dev/null | grep -q ':22 '
}

# CMD with /etc/hosts naming the lab, in a private mount namespace.
lab_run() {
	unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' \
	    "$LAB_DIR/hosts" "$@"
}

# For "lab_exec CMD &": the background subshell becomes CMD (so $! is it).
lab_exec() {
	exec unshare --mount sh -c 'mount --bind "$0" /etc/hosts && exec "$@"' \
	    "$LAB_DIR/hosts" "$@"
}

# Stop host hK: its sshd is its PID namespace's init, so the whole host
# goes (agent, ranks), as when it is switched off; its address stays.
lab_stop_sshd() {
	local p
	p=$(eval echo "\$LAB_PID_h$1")
	kill -KILL "$p" 2>/dev/null
	wait_until 5 sh -c "[ -z \"\$(ip netns pids ${LAB_ID}h$1)\" ]"
}

# What each host has, for a failure's message (a host that never came up).
lab_diag() {
	local k p
	for k in $(seq 1 "$LAB_HOSTS"); do
		echo "h$k's sshd log: $(tail -5 "$LAB_DIR/sshd.h$k.log" 2>/dev/null |
		    tr '\n' ' ')"
		for p in $(ip netns pids "${LAB_ID}h$k" 2>/dev/null); do
			ps -o pid=,etimes=,stat=,wchan:24=,args= -p "$p" \
			    2>/dev/null | cut -c1-160
		done
	done
}

# Nothing of ours is left on host hK (for wait_until: evaluated each poll).
lab_idle() {
	[ -z "$(lab_pids "$1")" ]
}

# Pids of processes in host hK but its sshd (the namespace's init, and one
# per connection) and zombies (dead, their parent not yet told): the agent,
# the ranks, anything left running.
lab_pids() {
	local p c
	for p in $(ip netns pids "${LAB_ID}h$1" 2>/dev/null); do
		c=$(cat "/proc/$p/comm" 2>/dev/null) || continue
		[ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" = Z ] && continue
		case "$c" in
		unshare|sshd) ;;
		*) echo "$p" ;;
		esac
	done
}
