#!/usr/bin/env python3
"""Writes a large configuration directory for `camgate loadtest`.

The shape follows benchmarks/.../PolicyWorkload.java: 1,000 sub-users per root account, each
holding two policies of five statements over its home prefix and shared prefixes of its
account's five buckets (literal and wildcard actions, an IP condition, a policy variable,
overlapping allows and denies), and a bucket policy for everyone on each account's first bucket.

usage: scripts/gen-policy-set.py STATEMENTS OUT_DIR
"""
import json
import os
import sys

REGION = "ap-guangzhou"
USERS_PER_ROOT = 1000
BUCKETS_PER_ROOT = 5
STATEMENTS_PER_USER = 10


def bucket(b, appid):
    return f"data{b}-{appid}"


def cos(appid, name):
    return f"qcs::cos:{REGION}:uid/{appid}:{name}"


def statement(s, uin, appid, name, u):
    base = cos(appid, name)
    home = f"{base}/home/{uin}"
    rules = [
        ("allow", ["cos:GetObject", "cos:HeadObject"], f"{home}/*", None),
        ("allow", ["cos:PutObject"], f"{home}/uploads/*", None),
        ("deny", ["cos:DeleteObject"], f"{home}/locked/*", None),
        ("allow", ["cos:Get*"], f"{base}/shared/*", None),
        ("allow", ["cos:GetObject"], f"{base}/projects/p{u % 50}/*", {"ip_equal": {"qcs:ip": ["10.0.0.0/8"]}}),
        ("allow", ["cos:List*", "cos:GetBucket"], f"{base}/", None),
        ("allow", ["cos:GetObject"], f"qcs::cos::uid/${{app_id}}:{name}/team/t{u % 20}/*", None),
        ("deny", ["cos:*"], f"{home}/quarantine/*", None),
        ("allow", ["cos:PutObject", "cos:GetObject"], f"{base}/tmp/{uin}-*", None),
        ("allow", ["ci:CreateMediaJobs"], f"qcs::ci:{REGION}:uid/{appid}:bucket/{name}/media/*", None),
    ]
    effect, actions, resource, condition = rules[s]
    out = {"effect": effect, "action": actions, "resource": [resource]}
    if condition:
        out["condition"] = condition
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    statements, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(os.path.join(out, "policies"), exist_ok=True)
    os.makedirs(os.path.join(out, "bucket-policies"), exist_ok=True)
    users = (statements + STATEMENTS_PER_USER - 1) // STATEMENTS_PER_USER
    roots = (users + USERS_PER_ROOT - 1) // USERS_PER_ROOT
    left = statements
    yaml = ["accounts:"]
    for r in range(roots):
        root_uin, appid = 100_000_000 + r, 1_250_000_000 + r
        yaml += [f'  - uin: "{root_uin}"', f'    appid: "{appid}"',
                 f'    keys: [{{secretId: AKIDloadtestROOT{r:018d}, secretKey: "root-secret-{r}"}}]',
                 "    users:"]
        for u in range(USERS_PER_ROOT):
            if left <= 0:
                break
            uin = 300_000_000_000 + r * USERS_PER_ROOT + u
            mine = min(STATEMENTS_PER_USER, left)
            left -= mine
            names = []
            for first in range(0, mine, 5):
                name = f"u{uin}-p{len(names)}"
                doc = {"version": "2.0", "statement": [
                    statement(s, uin, appid, bucket(u % BUCKETS_PER_ROOT, appid), u)
                    for s in range(first, min(first + 5, mine))]}
                with open(os.path.join(out, "policies", name + ".json"), "w") as f:
                    json.dump(doc, f)
                names.append(name)
            yaml += [f'      - uin: "{uin}"', f"        name: user{uin}", f"        policies: [{', '.join(names)}]",
                     f'        keys: [{{secretId: AKIDloadtest{uin:022d}, secretKey: "user-secret-{uin}"}}]']
        yaml.append("    buckets:")
        for b in range(BUCKETS_PER_ROOT):
            policy = f", policy: {bucket(0, appid)}.json" if b == 0 else ""
            yaml.append(f"      - {{name: {bucket(b, appid)}, region: {REGION}{policy}}}")
        public = bucket(0, appid)
        doc = {"version": "2.0", "statement": [
            {"principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "effect": "allow", "action": ["cos:GetObject"],
             "resource": [cos(appid, public) + "/public/*"]},
            {"principal": {"qcs": ["qcs::cam::anyone:anyone"]}, "effect": "deny", "action": ["cos:DeleteObject"],
             "resource": [cos(appid, public) + "/*"]}]}
        with open(os.path.join(out, "bucket-policies", public + ".json"), "w") as f:
            json.dump(doc, f)
    with open(os.path.join(out, "accounts.yaml"), "w") as f:
        f.write("\n".join(yaml) + "\n")


if __name__ == "__main__":
    main()
