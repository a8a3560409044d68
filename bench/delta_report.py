#!/usr/bin/env python3
"""Turns the measurements bench/delta leaves in each pair's work folder into the markdown report,
with a PASS/FAIL verdict for each of issue 5's targets. Exits 1 when a target failed or a step
of the run failed, 0 otherwise."""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import sys

KIB = 1024
MIB = 1024 * 1024

# The targets, as issue 5 states them.
DOWNLOAD_FACTOR = 1.05  # at most 1.05 x the per-file best of the three tools ...
DOWNLOAD_SLACK = 32 * KIB  # ... plus 32 KiB per pair
MEMORY_FLOOR = 256 * MIB  # the client's peak memory stays under 256 MiB ...
MEMORY_FACTOR = 1.1  # ... or 1.1 x what zstd -d --patch-from needs, whichever is larger
# Issue 17's targets.
WIRE_SLACK = 8 * KIB  # bytes with headers <= min(per-file best, whole-tree patch) + 8 KiB
MAX_REQUESTS = 24  # requests beyond the TUF metadata
PUBLISH_FACTOR = 1.5  # upkeep-publish release <= 1.5 x tar | zstd -19 -T0 --long + zstd --patch-from per file
UPDATE_FACTOR = 1.5  # upkeep update <= 1.5 x (zstd -d --patch-from per file + sha256sum of the new tree)

TOOLS = ("bsdiff", "xdelta3", "zstd")
BSDIFF_MAX = 32 * MIB  # bench/delta's BSDIFF_MAX: larger files are not given to bsdiff
TOOL_LABELS = {
    "bsdiff": "`bsdiff`",
    "xdelta3": "`xdelta3 -9 -e -D -s OLD NEW`",
    "zstd": "`zstd -19 --long=31 --patch-from=OLD NEW`",
}


def read_facts(path):
    facts = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, value = line.rstrip("\n").partition("=")
                facts[key] = value
    return facts


def read_time(path):
    """Wall seconds and peak resident memory (bytes) from a /usr/bin/time -v report."""
    if not os.path.exists(path):
        return None
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if not wall or not peak:
        return None  # the command has not finished (a run cut short)
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    return seconds, int(peak.group(1)) * 1024


def read_phases(path):
    """The phases upkeep.timing logged, in order of first appearance: {phase: [count, milliseconds]}."""
    phases = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                match = re.match(r"upkeep\.timing: (.+): ([\d.]+) ms$", line.strip())
                if match:
                    entry = phases.setdefault(match.group(1), [0, 0.0])
                    entry[0] += 1
                    entry[1] += float(match.group(2))
    return phases


def peak_line(folder, step):
    """The publisher's own "Took ... peak memory ..." sentence from its output."""
    for name in (f"{step}.out", f"{step}.err"):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            for line in open(path):
                if "peak memory" in line:
                    return line.strip()
    return None


def number(n):
    return f"{n:,}"


def mb(n):
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"


def mib(n):
    return f"{n / MIB:.1f} MiB"


def duration(seconds):
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{int(seconds // 60)} min {int(seconds % 60)} s"


def ratio(value, best):
    return f"{value / best:.2f}" if best else "–"


def category(path, file_shas=None):
    """What a request fetched. With `file_shas` (the sha256 of every file of the new release), a
    patch or object that makes none of them is the new manifest (a patch from the installed one) or
    its tables file (format 2: a frame against the installed and new manifests, or its object)."""
    if file_shas is not None:
        match = re.match(r"/(?:patches/[0-9a-f]{64}-|objects/)([0-9a-f]{64})", path)
        if match and match.group(1) not in file_shas:
            return "the manifest or its tables (`patches/`, `objects/`)"
    for prefix, name in (
        ("/metadata/", "TUF metadata (`metadata/`)"),
        ("/targets/", "manifest and changelog (`targets/`)"),
        ("/objects/", "whole files (`objects/`)"),
        ("/patches/", "patches (`patches/`)"),
        ("/packs/", "packs of many files (`packs/`)"),
        ("/bundles/", "bundle (`bundles/`)"),
    ):
        if path.startswith(prefix):
            return name
    return "other"


def requests_between(log_path, first, last):
    """The (status, body bytes, bytes with headers, path) of each request between two markers."""
    requests = []
    inside = False
    if not os.path.exists(log_path):
        return requests
    with open(log_path) as f:
        for line in f:
            match = re.match(r'(\d+) (\d+) (\d+) "(\S+) (\S+)', line)
            if not match:
                continue
            status, body, sent, _, path = match.groups()
            if path.startswith("/.bench-marker-"):
                marker = path[len("/.bench-marker-") :]
                if marker == first:
                    inside = True
                elif marker == last:
                    inside = False
                continue
            if inside:
                requests.append((int(status), int(body), int(sent), path))
    return requests


class Pair:
    def __init__(self, folder):
        self.folder = folder
        self.facts = read_facts(os.path.join(folder, "facts"))
        self.facts.update(read_facts(os.path.join(folder, "reference.facts")))
        self.files = self.read_files()
        self.rows = self.read_reference()
        self.failed = self.read_text("failed")
        self.verdicts = []  # one bool per verdict line
        self.summary = None  # a row of the summary table, set by report()

    def path(self, name):
        return os.path.join(self.folder, name)

    def read_text(self, name):
        return open(self.path(name)).read().strip() if os.path.exists(self.path(name)) else ""

    def read_files(self):
        files = []
        with open(self.path("files.tsv")) as f:
            for line in f:
                kind, size, path = line.rstrip("\n").split("\t", 2)
                files.append((kind, int(size), path))
        return files

    def read_reference(self):
        rows = []
        with open(self.path("reference.tsv")) as f:
            for line in f:
                kind, size, whole, bs, xd, zs, tb, tx, tz, path = line.rstrip("\n").split("\t", 9)
                sizes = dict(zip(TOOLS, (int(bs), int(xd), int(zs))))
                times = dict(zip(TOOLS, (int(tb) / 1e6, int(tx) / 1e6, int(tz) / 1e6)))
                rows.append({"kind": kind, "size": int(size), "whole": int(whole), "sizes": sizes,
                             "times": times, "path": path})
        return rows

    def file_shas(self):
        """The path of each changed or new file, by the sha256 of its new content."""
        if getattr(self, "_by_sha", None) is None:
            self._by_sha = {}
            for row in self.rows:
                digest = hashlib.sha256()
                with open(os.path.join(self.folder, "new", row["path"]), "rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        digest.update(block)
                self._by_sha.setdefault(digest.hexdigest(), row["path"])
        return self._by_sha

    def upkeep_per_file(self, requests):
        """Bytes of each changed or new file's patch or object, the bytes of packs (which make many
        files at once, and from format 2 on the first also the new manifest), and the bytes outside
        metadata/ that no file accounts for (the manifest and its tables). Objects and patches are
        named after the content's sha256."""
        by_sha = self.file_shas()
        per_file, packed, other = {}, 0, 0
        for _, body, _, path in requests:
            match = re.match(r"/(?:patches/[0-9a-f]{64}-|objects/)([0-9a-f]{64})", path)
            if match and match.group(1) in by_sha:
                file = by_sha[match.group(1)]
                per_file[file] = per_file.get(file, 0) + body
            elif path.startswith("/packs/"):
                packed += body
            elif not path.startswith("/metadata/"):
                other += body
        return per_file, packed, other

    def verdict(self, passed, text):
        self.verdicts.append(passed)
        return f"- **{'PASS' if passed else 'FAIL'}** {text}"

    def report(self):
        f = self.facts
        out = [f"## {f['package']} {f['old_deb_version']} → {f['new_deb_version']}", ""]
        counts = {kind: [0, 0] for kind in ("unchanged", "changed", "new", "removed")}
        for kind, size, _ in self.files:
            counts[kind][0] += 1
            counts[kind][1] += size
        total_files = counts["unchanged"][0] + counts["changed"][0] + counts["new"][0]
        total_bytes = counts["unchanged"][1] + counts["changed"][1] + counts["new"][1]
        out.append(
            f"Published as **{f['old_version']} → {f['new_version']}** (Upkeep versions are semver). "
            f"The .debs are {mb(int(f['old_deb_size']))} and {mb(int(f['new_deb_size']))}. "
            f"The new release has {number(total_files)} files ({mb(total_bytes)}) and {f['new_symlinks']} symlinks: "
            f"{counts['unchanged'][0]} unchanged, {counts['changed'][0]} changed ({mb(counts['changed'][1])}), "
            f"{counts['new'][0]} new ({mb(counts['new'][1])}), {counts['removed'][0]} removed."
        )
        out.append("")

        # The reference tools: each changed file patched by each tool; a new file, or a file a
        # tool could not patch, counts as its whole zstd -19 size.
        sums = {tool: 0 for tool in TOOLS}
        tool_skipped = 0
        tool_failures = {tool: 0 for tool in TOOLS}
        tool_seconds = {tool: 0.0 for tool in TOOLS}
        best = whole = 0
        for row in self.rows:
            run = [size for size in row["sizes"].values() if size != -2]  # -2: bsdiff not run on it
            row["best"] = min(size if size >= 0 else row["whole"] for size in run)
            costs = {}
            for tool in TOOLS:
                size = row["sizes"][tool]
                if size == -2:
                    tool_skipped += 1
                    size = row["best"]
                elif size < 0:
                    tool_failures[tool] += 1
                    size = row["whole"]
                costs[tool] = size
                sums[tool] += size
                tool_seconds[tool] += row["times"][tool]
            best += row["best"]
            whole += row["whole"]

        requests = requests_between(self.path("access.log"), "installed", "updated")
        downloaded = sum(r[1] for r in requests)
        with_headers = sum(r[2] for r in requests)
        beyond_metadata = sum(1 for r in requests if not r[3].startswith("/metadata/"))
        tree = self.read_text("whole-tree").split()
        tree_bytes = int(tree[0]) if tree else None
        complete = bool(requests) and not self.failed  # the update ran to its end
        bundle = int(f["bundle_size"]) if "bundle_size" in f else None

        if self.failed:
            out += ["**The run did not finish:** " + self.failed.splitlines()[0], "", "```"]
            out += self.failed.splitlines()[1:] or ["(no message)"]
            out += ["```", ""]

        out += ["| what the update costs | bytes | × per-file best |", "|---|---:|---:|"]
        if requests:
            partial = " before it failed" if self.failed else ""
            out.append(f"| **Upkeep downloaded**: every body byte `upkeep update` fetched{partial}, {len(requests)} requests "
                       f"| **{number(downloaded)}** | **{ratio(downloaded, best)}** |")
            by_category = {}
            file_shas = self.file_shas()
            for status, body, _, path in requests:
                entry = by_category.setdefault(category(path, file_shas), [0, 0, 0])
                entry[0] += 1
                entry[1] += body
                entry[2] += status >= 400
            for name, (n, body, errors) in sorted(by_category.items(), key=lambda item: -item[1][1]):
                note = f", {errors} of them not found" if errors else ""
                out.append(f"| … {name}: {n} requests{note} | {number(body)} | {ratio(body, best)} |")
            out.append(f"| … the same with HTTP response headers | {number(with_headers)} | "
                       f"{ratio(with_headers, best)} |")
        else:
            out.append("| **Upkeep downloaded** | not measured | |")
        if bundle is not None:
            out.append(f"| full bundle (`bundles/{f['package']}-{f['new_version']}.tar.zst`) | {number(bundle)} | "
                       f"{ratio(bundle, best)} |")
        out.append(f"| changed and new files whole, `zstd -19` each | {number(whole)} | {ratio(whole, best)} |")
        for tool in TOOLS:
            note = f" ({tool_failures[tool]} files it cannot patch counted whole)" if tool_failures[tool] else ""
            out.append(f"| {TOOL_LABELS[tool]}{note} | {number(sums[tool])} | {ratio(sums[tool], best)} |")
        out.append(f"| **per-file best of the three tools** | **{number(best)}** | 1.00 |")
        if tree_bytes is None:
            out.append("| whole tree: `zstd -22 --ultra --long=31 --patch-from=old.tar new.tar` | not measured | |")
        else:
            out.append(f"| **whole tree**: `zstd -22 --ultra --long=31 --patch-from=old.tar new.tar` "
                       f"({tree[1]} s, {mib(int(tree[2]) * 1024)}) | **{number(tree_bytes)}** | {ratio(tree_bytes, best)} |")
        out.append("")
        if tool_skipped:
            out.append(f"bsdiff was not run on {tool_skipped} files above {mib(BSDIFF_MAX)} (old or new): it needs about "
                       "17 times a file's size in memory and its suffix sort takes minutes per hundred megabytes. "
                       "Its column counts those files at the better of xdelta3 and zstd, and so does the per-file best.")
            out.append("")
        if requests:
            out += self.file_comparison(requests)

        update = read_time(self.path("update.time"))
        publish_old = read_time(self.path("publish-old.time"))
        publish_new = read_time(self.path("publish-new.time"))
        add = read_time(self.path("add.time"))
        zstd_d = read_time(self.path("zstd-d.time"))
        largest = self.read_text("largest")
        largest_size = next((size for kind, size, path in self.files if path == largest), 0)
        ref_bundle_old = read_time(self.path("ref-bundle-old.time"))
        ref_bundle_new = read_time(self.path("ref-bundle-new.time"))
        ref_patches = read_time(self.path("ref-patches.time"))
        ref_apply = read_time(self.path("ref-apply.time"))
        ref_sha = read_time(self.path("ref-sha256.time"))
        changed = sum(1 for kind, _, _ in self.files if kind == "changed")
        out += ["| time and memory | wall time | peak memory |", "|---|---:|---:|"]
        for label, measured in (
            (f"`upkeep-publish release` {f['old_version']} (first release, no patches to make)", publish_old),
            (f"… reference: `tar` of the {f['old_version']} tree piped to `zstd -19 -T0 --long`", ref_bundle_old),
            (f"`upkeep-publish release` {f['new_version']}", publish_new),
            (f"… reference: `tar` of the {f['new_version']} tree piped to `zstd -19 -T0 --long`", ref_bundle_new),
            (f"… reference: `zstd -19 --long=31 --patch-from` on the {changed} changed files, "
             f"{os.cpu_count()} at a time", ref_patches),
            (f"`upkeep add`: install {f['old_version']}", add),
            (f"**`upkeep update`** to {f['new_version']}", update),
            (f"… reference: `zstd -d --long=31 --patch-from` on the {changed} changed files, one after another",
             ref_apply),
            ("… reference: `sha256sum` of every file of the new tree", ref_sha),
        ):
            if measured:
                out.append(f"| {label} | {duration(measured[0])} | {mib(measured[1])} |")
        if zstd_d:
            out.append(f"| `zstd -d --long=31 --patch-from` on the largest changed file, `{largest}` "
                       f"({mb(largest_size)}) | {duration(zstd_d[0])} | {mib(zstd_d[1])} |")
        out.append("")
        for step, version in (("publish-old", f["old_version"]), ("publish-new", f["new_version"])):
            line = peak_line(self.folder, step)
            if line:
                out.append(f"`upkeep-publish release` {version} said: “{line}”")
        out.append("")
        phases = read_phases(self.path("update.err"))
        if phases and update:
            logged = sum(ms for _, ms in phases.values()) / 1000
            out += [f"Where the time of `upkeep update` went, as it logged on `upkeep.timing` "
                    f"({duration(logged)} of its {duration(update[0])}; the rest is starting, reading the "
                    "installation and its configuration, and the output):", "",
                    "| phase | times | wall time | share of the update |", "|---|---:|---:|---:|"]
            for phase, (count, ms) in phases.items():
                out.append(f"| {phase} | {count} | {ms / 1000:.2f} s | {100 * ms / 1000 / update[0]:.0f} % |")
            out.append("")
        reference_time = ", ".join(f"{tool} {duration(tool_seconds[tool])}" for tool in TOOLS)
        cached = " (cached from an earlier run)" if f.get("reference_cached") == "yes" else ""
        out.append(f"Making every patch took {reference_time} of one core each; the reference run took "
                   f"{duration(float(f.get('reference_seconds', 0)))} on {f.get('reference_date', '?')}{cached}.")
        install_requests = requests_between(self.path("access.log"), "start", "installed")
        if install_requests:
            out.append(f"Installing {f['old_version']} with `upkeep add` fetched "
                       f"{number(sum(r[1] for r in install_requests))} bytes in {len(install_requests)} requests "
                       "(not counted above).")
        update_json = self.update_json()
        if update_json:
            planned = update_json.get("download_bytes")
            recorded = update_json.get("result", {}).get("bytes")
            out.append(f"Upkeep's own count: `upkeep check` planned {number(planned) if planned is not None else '?'} "
                       f"bytes, the update recorded {number(recorded) if recorded is not None else '?'} "
                       f"(the nginx log above is what counts).")
        out.append("")

        if complete:
            limit = int(DOWNLOAD_FACTOR * best + DOWNLOAD_SLACK)
            out.append(self.verdict(downloaded <= limit,
                f"download: {number(downloaded)} bytes ≤ {DOWNLOAD_FACTOR} × {number(best)} + 32 KiB = "
                f"{number(limit)}"))
            if bundle is not None:
                out.append(self.verdict(downloaded <= bundle,
                    f"never more than the bundle: {number(downloaded)} ≤ {number(bundle)} bytes"))
        else:
            out.append(self.verdict(False, "download: not measured, the update did not run to its end"))
        if complete:
            floor = min(best, tree_bytes) if tree_bytes is not None else best
            limit = floor + WIRE_SLACK
            what = f"min(per-file best {number(best)}, whole tree {number(tree_bytes)})" if tree_bytes is not None \
                else f"per-file best {number(best)} (no whole-tree reference)"
            out.append(self.verdict(with_headers <= limit,
                f"bytes with headers: {number(with_headers)} ≤ {what} + 8 KiB = {number(limit)}"))
            out.append(self.verdict(beyond_metadata <= MAX_REQUESTS,
                f"requests beyond the TUF metadata: {beyond_metadata} ≤ {MAX_REQUESTS}"))
        publish_ratios = []
        if publish_old and ref_bundle_old:
            publish_ratios.append(("first release", f["old_version"], publish_old[0], ref_bundle_old[0],
                                   "`tar | zstd -19 -T0 --long`"))
        if publish_new and ref_bundle_new and ref_patches:
            publish_ratios.append(("release with patches", f["new_version"], publish_new[0],
                                   ref_bundle_new[0] + ref_patches[0],
                                   "`tar | zstd -19 -T0 --long` + `zstd --patch-from` per changed file"))
        for kind, version, took, reference_seconds, what in publish_ratios:
            out.append(self.verdict(took <= PUBLISH_FACTOR * reference_seconds,
                f"publisher time ({kind}): `upkeep-publish release` {version} took {took:.1f} s ≤ {PUBLISH_FACTOR} × "
                f"{reference_seconds:.1f} s ({what}) = {PUBLISH_FACTOR * reference_seconds:.1f} s "
                f"(×{took / reference_seconds:.2f})"))
        update_ratio = None
        if update and not self.failed and ref_apply and ref_sha:
            reference_seconds = ref_apply[0] + ref_sha[0]
            update_ratio = update[0] / reference_seconds
            out.append(self.verdict(update[0] <= UPDATE_FACTOR * reference_seconds,
                f"update time: `upkeep update` took {update[0]:.1f} s ≤ {UPDATE_FACTOR} × ({ref_apply[0]:.1f} s of "
                f"`zstd -d --patch-from` + {ref_sha[0]:.1f} s of `sha256sum`) = {UPDATE_FACTOR * reference_seconds:.1f} s "
                f"(×{update_ratio:.2f})"))
        if update and not self.failed:
            zstd_need = zstd_d[1] if zstd_d else 0
            limit = max(MEMORY_FLOOR, int(MEMORY_FACTOR * zstd_need))
            out.append(self.verdict(update[1] <= limit,
                f"memory: `upkeep update` peaked at {mib(update[1])} ≤ max(256 MiB, {MEMORY_FACTOR} × "
                f"{mib(zstd_need)}) = {mib(limit)}"))
        floor = min(best, tree_bytes) if tree_bytes is not None else best
        # The release with patches; the first release's, said so, when that is all there is.
        publish_text = "–"
        if publish_ratios:
            kind, _, took, reference_seconds, _ = publish_ratios[-1]
            publish_text = f"{took / reference_seconds:.2f}" + (" (first release)" if kind == "first release" else "")
        self.summary = (
            f"| {f['package']} {f['old_version']} → {f['new_version']} "
            f"| {number(downloaded) if complete else 'not measured'} "
            f"| {f'{len(requests)} ({beyond_metadata})' if complete else '–'} "
            f"| {number(with_headers) if complete else '–'} | {number(best)} "
            f"| {number(tree_bytes) if tree_bytes is not None else '–'} "
            f"| {ratio(with_headers, floor) if complete else '–'} | {number(bundle) if bundle is not None else '–'} "
            f"| {publish_text} | {f'{update_ratio:.2f}' if update_ratio else '–'} "
            f"| {mib(update[1]) if update else '–'} |")
        if "verified" in f:
            if f["verified"] == "yes":
                out.append(self.verdict(True, f"the updated installation matches {f['new_deb_version']} file for "
                                              "file: content, modes and symlink targets"))
            else:
                out.append(self.verdict(False, f"the updated installation differs from {f['new_deb_version']}:"))
                out += ["", "```"] + self.read_text("verify.diff").splitlines()[:20] + ["```"]
        out.append("")
        passed = sum(self.verdicts)
        self.summary += f" {passed} of {len(self.verdicts)} |"
        return "\n".join(out)

    def file_comparison(self, requests):
        """Where Upkeep's bytes went, file by file, against the per-file best."""
        per_file, packed, other = self.upkeep_per_file(requests)
        # A file no per-file download made came in a pack (or was shared with another path): packs
        # make many files at once, so they are compared with the per-file best only in total.
        in_packs = [row for row in self.rows if row["path"] not in per_file] if packed else []
        fetched_alone = [row for row in self.rows if row["path"] in per_file or not packed]
        over = [(per_file.get(row["path"], 0) - row["best"], row) for row in fetched_alone]
        worse = [item for item in over if item[0] > 0]
        better = [item for item in over if item[0] < 0]
        out = [f"File by file, of the {len(fetched_alone)} files fetched one by one, Upkeep paid more than the "
               f"best tool on {len(worse)} ({number(sum(d for d, _ in worse))} bytes more in all) and less on "
               f"{len(better)} ({number(-sum(d for d, _ in better))} bytes less)."]
        if packed:
            best = sum(row["best"] for row in in_packs)
            out[0] += (f" The other {len(in_packs)} came in packs: {number(packed)} bytes, where the per-file best "
                       f"for them is {number(best)} ({ratio(packed, best)} ×).")
        out[0] += (f" Outside `metadata/` and packs, {number(other)} bytes belong to no file: the new manifest "
                   "(as a patch from the installed one, or whole) and its tables file, where they were fetched "
                   "(a pack of format zstd-solid-2 carries the manifest, and the tables are fetched only when "
                   "something comes otherwise than in packs).")
        worse.sort(key=lambda item: -item[0])
        if worse:
            out += ["", "| changed file | size | Upkeep | bsdiff | xdelta3 | zstd | Upkeep − best |",
                    "|---|---:|---:|---:|---:|---:|---:|"]
            for excess, row in worse[:8]:
                sizes = [number(row["sizes"][tool]) if row["sizes"][tool] >= 0
                         else "not run" if row["sizes"][tool] == -2 else "failed" for tool in TOOLS]
                out.append(f"| `{row['path']}` | {number(row['size'])} | {number(per_file.get(row['path'], 0))} | "
                           f"{' | '.join(sizes)} | {number(excess)} |")
        out.append("")
        return out

    def update_json(self):
        try:
            results = json.loads(self.read_text("update.out"))
            return results[0] if isinstance(results, list) and results else None
        except (json.JSONDecodeError, KeyError):
            return None


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--tools", required=True)
    parser.add_argument("--note", default="", help="markdown printed under the header: what was unusual about the run")
    parser.add_argument("pairs", nargs="+")
    args = parser.parse_args()

    pairs = [Pair(folder) for folder in args.pairs]
    sections = [pair.report() for pair in pairs]
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print("# bench/delta: what an Upkeep update downloads\n")
    print(f"Made by `bench/delta` on {today} from Upkeep {args.commit}, in {duration(args.seconds)} "
          f"on {machine()}; reference tools run {args.jobs} at a time: {args.tools}.\n")
    if args.note:
        print(args.note.strip() + "\n")
    try:
        load = open("/proc/loadavg").read().split()[:3]
        print(f"The load average when the report was made was {load[0]}, {load[1]} and {load[2]} (1, 5 and 15 "
              f"minutes) on {os.cpu_count()} cores: other work shared the machine when that is above the core "
              "count, which slows every timed command, Upkeep's and the references' alike, and makes the time "
              "ratios noisier than on a quiet machine.\n")
    except OSError:
        pass
    print("How it is measured: both releases are unpacked with `dpkg-deb -x` and published with "
          "`upkeep-publish release` into a fresh repository served by nginx on 127.0.0.1; `upkeep add` installs "
          "the old one, the new one is published, and `upkeep update` updates to it. *Upkeep downloaded* is the "
          "sum of `$body_bytes_sent` over every request nginx logged during `upkeep update`, metadata and "
          "not-found answers included. A *changed* file has the same path and different bytes; a *new* file "
          "counts as its whole `zstd -19` size for every tool; removed files, symlinks and unchanged files cost "
          "nothing. A file a tool cannot patch counts as its whole `zstd -19` size for that tool. The *per-file "
          "best* takes the smallest of the three tools for each file and sums them. xdelta3 runs with `-D`, "
          "so that it patches `.gz` files byte for byte instead of decompressing them itself, and with "
          "`-B 524288` for old files that fit in that window (the same patches as its default, faster). "
          "Patches made with "
          "`--long=31` need `zstd -d --long=31` (or `--memory=2048MB`) to apply. Peak memory is the maximum "
          "resident set size from `/usr/bin/time -v`.\n")
    print("| pair | Upkeep downloaded | requests (beyond TUF metadata) | bytes with headers | per-file best "
          "| whole tree | with headers × min(best, tree) | full bundle | publisher × reference "
          "| update × reference | update peak memory | targets passed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for pair in pairs:
        print(pair.summary)
    print()
    for section in sections:
        print(section)
    return 0 if all(pair.verdicts and all(pair.verdicts) and not pair.failed for pair in pairs) else 1


if __name__ == "__main__":
    sys.exit(main())
