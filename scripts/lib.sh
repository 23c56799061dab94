# Shared by scripts/run and scripts/test: select JDK 25 and make sure SoftHSM2 is installed.
# Sourced, not executed.

say() { echo "[signet] $*" >&2; }

select_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | head -1 | grep -Eq '"(2[5-9]|[3-9][0-9])[."]'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      say "using JDK $JAVA_HOME"
      return 0
    fi
  done
  say "no JDK 25 found: install one (e.g. Temurin 25) and set JAVA_HOME to it"
  return 1
}

ensure_softhsm() {
  if command -v softhsm2-util >/dev/null 2>&1 && [ -r /usr/lib/softhsm/libsofthsm2.so ]; then
    return 0
  fi
  say "SoftHSM2 is missing: installing the Debian package softhsm2 (and opensc for pkcs11-tool)"
  if [ "$(id -u)" -ne 0 ]; then
    say "installing needs root: run 'sudo apt-get install -y softhsm2 opensc' and try again"
    return 1
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 opensc >&2
}

# init_softhsm_token LABEL: initializes the first free SoftHSM2 token (SOFTHSM2_CONF) with the SO PIN
# and user PIN read from the variables so_pin and user_pin. The PINs go to softhsm2-util's prompts
# (a pseudo-terminal from script(1)), never on a command line, where any local user could read them
# in /proc/<pid>/cmdline.
init_softhsm_token() {
  printf '%s\n%s\n%s\n%s\n' "$so_pin" "$so_pin" "$user_pin" "$user_pin" \
    | script -qec "softhsm2-util --init-token --free --label $1" /dev/null >/dev/null
}

# The JVM flags Signet runs with (scripts/run, scripts/bench; the Containerfile carries the same GC
# flags in JAVA_TOOL_OPTIONS); SIGNET_JVM_FLAGS replaces them. The Parallel collector: on the one
# or two cores a signing service gets, its pauses added up to a third to a half of G1's (JFR,
# README "Tail latency"), and ZGC's concurrent work competes with the requests for the core. A 512 MiB
# heap, touched at start and never grown (-Xmx as -Xms), so that no request pays for growing or
# first-touching it: growing it under load to 1.4 GiB cost young collections of 614 and 781 ms,
# against 2-5 ms otherwise (README "Tail latency"); the live set is ~35 MB. A metaspace threshold
# above what Signet loads (~65 MB), so that class loading during start-up and warm-up triggers no
# full collections.
signet_jvm_flags() {
  echo "${SIGNET_JVM_FLAGS:--XX:+UseParallelGC -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:MetaspaceSize=128m}"
}
