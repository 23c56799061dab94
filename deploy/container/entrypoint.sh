#!/bin/sh
# Starts Signet in the container. Configuration comes from the environment and mounted files only
# (SIGNET_PKCS11_PIN_FILE, SIGNET_ADMIN_TOKEN_FILE, DATASOURCES_DEFAULT_*): nothing is baked in.
#
# Demo HSM: with SIGNET_SOFTHSM_INIT=true and a SoftHSM2 library, the token SIGNET_PKCS11_TOKEN_LABEL
# is created in SIGNET_SOFTHSM_TOKEN_DIR (a volume that several instances may share) if no token
# there has that label; the PIN is the one in SIGNET_PKCS11_PIN_FILE. A lock on the directory makes
# concurrent first starts create it once.
#
# SIGNET_WAIT_FOR=<url>: wait until that URL answers 2xx before starting (start the second
# instance after the first on a new token, so that the first creates the key-encryption key).
set -eu

if [ ! -f "$SOFTHSM2_CONF" ]; then
  printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$SIGNET_SOFTHSM_TOKEN_DIR" > "$SOFTHSM2_CONF"
fi

if [ "${SIGNET_SOFTHSM_INIT:-false}" = "true" ]; then
  : "${SIGNET_PKCS11_TOKEN_LABEL:?SIGNET_SOFTHSM_INIT needs SIGNET_PKCS11_TOKEN_LABEL}"
  : "${SIGNET_PKCS11_PIN_FILE:?SIGNET_SOFTHSM_INIT needs SIGNET_PKCS11_PIN_FILE}"
  (
    flock 9
    if ! softhsm2-util --show-slots 2>/dev/null | grep -q "Label: *${SIGNET_PKCS11_TOKEN_LABEL} *\$"; then
      echo "signet-entrypoint: creating SoftHSM2 token '${SIGNET_PKCS11_TOKEN_LABEL}' in ${SIGNET_SOFTHSM_TOKEN_DIR}" >&2
      so_pin=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
      softhsm2-util --init-token --free --label "$SIGNET_PKCS11_TOKEN_LABEL" \
        --pin "$(cat "$SIGNET_PKCS11_PIN_FILE")" --so-pin "$so_pin" >/dev/null
    fi
  ) 9>"$SIGNET_SOFTHSM_TOKEN_DIR/.init.lock"
fi

if [ -n "${SIGNET_WAIT_FOR:-}" ]; then
  echo "signet-entrypoint: waiting for $SIGNET_WAIT_FOR" >&2
  until curl -fsS -o /dev/null "$SIGNET_WAIT_FOR"; do sleep 1; done
fi

exec java ${JAVA_OPTS:-} -jar /opt/signet/signet.jar "$@"
