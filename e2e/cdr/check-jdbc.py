#!/usr/bin/env python3
"""Checks the CDR store against its copy in PostgreSQL (e2e/tests/cdr-jdbc.sh).

    check-jdbc.py <store dir> <rows file> <public key pem> <tenant> <after seq> <count> <callee>
<rows file>: psql -At -F '\\x1f' of the table (columns as in ROWS_SQL below), ordered by seq.
Checks: the store has <count> records of <tenant> numbered after <after seq>, each an answered call
to <callee> hung up by the caller, with consistent times; the table holds every record of the
store exactly once (same signed line, same order), its key columns match the line's fields, the
hash chain holds from the table's lines alone, and each of the tenant's lines' Ed25519 signature
checks with openssl. Prints one summary line; exits 1 naming the first problems.
"""
import base64, glob, hashlib, json, os, re, subprocess, sys, tempfile
from datetime import datetime

ROWS_SQL = ("SELECT seq, hash, prev, call_id, tenant, caller, callee, direction, trunk,"
            " (extract(epoch FROM started) * 1000)::bigint, (extract(epoch FROM answered) * 1000)::bigint,"
            " (extract(epoch FROM ended) * 1000)::bigint, duration_ms, cause, ended_by, signer, line"
            " FROM {table} ORDER BY seq, hash")
if len(sys.argv) == 2 and sys.argv[1] == "--sql":
    print(ROWS_SQL.format(table="cdr"))
    sys.exit(0)

store_dir, rows_file, pub, tenant, after, count, callee = sys.argv[1:8]
after, count = int(after), int(count)
problems = []


def ms(iso):
    return None if iso == "" else round(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)


def first_seq(path):
    m = re.search(r"-(\d{12})\.jsonl$", path)
    return int(m.group(1)) if m else 0


lines = []
for f in sorted(glob.glob(os.path.join(store_dir, "cdr-*.jsonl")), key=first_seq):
    with open(f, "rb") as fh:
        lines += fh.read().split(b"\n")[:-1]  # complete lines only
records = [json.loads(l) for l in lines]

# the tenant's calls in the store
ours = [r for r in records if r["tenant"] == tenant and r["seq"] > after]
if len(ours) != count:
    problems.append(f"store: {len(ours)} records of tenant {tenant} after record {after}, not {count}")
if len({r["call"] for r in ours}) != len(ours):
    problems.append("store: a call id appears twice")
for r in ours:
    bad = []
    if r["callee"] != callee: bad.append(f"callee {r['callee']}")
    if not r["caller"].startswith("sip:caller@127.0.0.1"): bad.append(f"caller {r['caller']}")
    if r["direction"] != "phone->phone": bad.append(f"direction {r['direction']}")
    if r["cause"] != 200: bad.append(f"cause {r['cause']}")
    if r["endedBy"] != "caller": bad.append(f"endedBy {r['endedBy']}")
    s, a, e = ms(r["started"]), ms(r["answered"]), ms(r["ended"])
    if a is None or not (s <= a <= e): bad.append(f"times {r['started']} {r['answered']} {r['ended']}")
    # durationMs comes from the exact instants, the times are cut to the millisecond: 1 ms apart at most
    elif abs(r["durationMs"] - (e - a)) > 1: bad.append(f"durationMs {r['durationMs']}, answered to ended {e - a} ms")
    if bad:
        problems.append(f"store record {r['seq']}: " + ", ".join(bad))

# the table: every line of the store once, in order, columns matching
rows = []
with open(rows_file, "rb") as fh:
    for raw in fh.read().split(b"\n"):
        if raw:
            rows.append(raw.split(b"\x1f"))
db_lines = [r[16] for r in rows]
if len(set(db_lines)) != len(db_lines):
    problems.append(f"table: {len(db_lines) - len(set(db_lines))} duplicate lines")
if db_lines != lines:
    missing = len(set(lines) - set(db_lines))
    extra = len(set(db_lines) - set(lines))
    problems.append(f"table: {len(db_lines)} rows for {len(lines)} store records ({missing} missing, {extra} not in the store)")
if len({r[15] for r in rows}) > 1:
    problems.append("table: more than one signer")


def col(v):
    return v.decode()


checked = 0
for row in rows:
    line = row[16]
    if hashlib.sha256(line).hexdigest() != col(row[1]):
        problems.append(f"table row {col(row[0])}: hash is not the line's SHA-256")
    rec = json.loads(line)
    want = [str(rec["seq"]), rec["prev"], rec["call"], rec["tenant"], rec["caller"], rec["callee"], rec["direction"],
            rec["trunk"], str(ms(rec["started"])), "" if rec["answered"] == "" else str(ms(rec["answered"])),
            str(ms(rec["ended"])), str(rec["durationMs"]), str(rec["cause"]), rec["endedBy"]]
    got = [col(row[0]), col(row[2])] + [col(v) for v in row[3:15]]
    if got != want:
        problems.append(f"table row {col(row[0])}: columns {got} do not match the line {want}")
    checked += 1
for prev_row, row in zip(rows, rows[1:]):
    if json.loads(row[16])["prev"] != hashlib.sha256(prev_row[16]).hexdigest():
        problems.append(f"table: the chain breaks at record {col(row[0])}")
        break

# signatures of the tenant's lines, from the table, with openssl
signed = 0
with tempfile.TemporaryDirectory() as tmp:
    for row in rows:
        rec = json.loads(row[16])
        if rec["tenant"] != tenant or rec["seq"] <= after:
            continue
        line = row[16]
        cut = line.rindex(b',"sig":"')
        with open(f"{tmp}/payload", "wb") as p:
            p.write(line[:cut])
        with open(f"{tmp}/sig", "wb") as s:
            s.write(base64.b64decode(rec["sig"]))
        ok = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", f"{tmp}/payload",
                             "-sigfile", f"{tmp}/sig"], capture_output=True).returncode == 0
        if not ok:
            problems.append(f"table row {rec['seq']}: the signature does not verify")
        signed += 1

if problems:
    for p in problems[:10]:
        print("cdr-jdbc: FAIL — " + p)
    sys.exit(1)
print(f"cdr-jdbc: {len(ours)} records of {tenant} in the store with the expected fields; the table holds all "
      f"{len(lines)} store records once each, in order, columns matching ({checked} rows), hash chain intact, "
      f"{signed} signatures verified from the table with openssl")
