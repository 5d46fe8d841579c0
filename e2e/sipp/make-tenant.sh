#!/usr/bin/env bash
# make-tenant.sh <gateway etc dir> <tenant> <domain> <first user> <count> <csv out>
# Writes a tenant .cfg and its users file (HA1 values, password "pw<user>") into a running
# gateway's etc/ (FileInstall picks them up live) and a sipp injection file with the same users.
# NAMES="Alice Bob ..." gives the users these display names in order (default "Load <user>").
set -euo pipefail
etc=$1 tenant=$2 domain=$3 first=$4 count=$5 csv=$6
read -r -a names <<<"${NAMES:-}"
mkdir -p "$etc/tabphone"
users="$etc/tabphone/$tenant.users"
: >"$users.tmp"
echo "SEQUENTIAL" >"$csv"
for ((u = first; u < first + count; u++)); do
  md5=$(printf '%s' "$u:$domain:pw$u" | md5sum | cut -d' ' -f1)
  sha=$(printf '%s' "$u:$domain:pw$u" | sha256sum | cut -d' ' -f1)
  name=${names[$((u - first))]:-Load $u}
  echo "$u = name=$name; md5=$md5; sha256=$sha" >>"$users.tmp"
  echo "$u;[authentication username=$u password=pw$u];$domain" >>"$csv"
done
mv "$users.tmp" "$users"
cat >"$etc/org.tabphone.tenant-$tenant.cfg" <<CFG
name = $tenant
domains = $domain
users.file = $users
# sipp 3.6 answers only the first WWW-Authenticate, and only MD5
digest.algorithms = MD5
# load tests keep thousands of calls up at once (the default is 1000 per tenant)
max.calls = 100000
CFG
