#!/usr/bin/env bash
# What a relying party runs on a token of this TSA with nothing but OpenSSL and the CA certificate:
#   openssl-ts-verify.sh DATA_FILE REPLY_TSR CA_PEM
# Exit 0 and "Verification: OK" when OpenSSL accepts the reply for the data.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 DATA_FILE REPLY_TSR CA_PEM" >&2; exit 2; }
exec openssl ts -verify -data "$1" -in "$2" -CAfile "$3"
