"""Turn benchmarks/results/*.json into the tables of docs/benchmarks.md.

Only the text between the `<!-- bench:… -->` markers is rewritten; the analysis around it is
written by hand.
"""

import json
import re
from pathlib import Path

QUERY_BUDGET = 12
CSV_RSS_MB = 200
XLSX_SECONDS = 30
# #11's targets, as multiples of the framework floor measured in the same pass.
READ_PAGES = {
    "dashboard",
    "resolution",
    "resolution_real",
    "paragraph",
    "actions_status",
    "actions_resolution",
    "api_actions",
}


def ratio_target(config, name):
    """The p50 ÷ floor a page must stay under in this pass, or None (#11 "Targets")."""
    if name == "floor":
        return None
    if config == "all_listed":
        return 2.0  # page cache on
    if config == "real_only_uncached":
        return 5.0  # only 53/45-POL, page cache off: every public page
    if config == "all_listed_uncached":
        if name.endswith("_asof"):
            return 25.0
        return 10.0 if name in READ_PAGES else None
    return None


LABELS = {
    "floor": "framework floor (`/__hello__/`)",
    "dashboard": "dashboard `/`",
    "resolution": "resolution page (median synthetic, ~80 actions)",
    "resolution_real": "resolution page (53/45-POL)",
    "paragraph": "paragraph page (its busiest paragraph)",
    "action": "action page (90th-percentile history)",
    "actions_status": "`/actions/` filtered by status + type, all resolutions",
    "actions_resolution": "`/actions/` filtered by resolution + status",
    "api_actions": "`/api/actions/?status=delayed`",
    "paragraph_real": "paragraph page (53/45-POL, its busiest paragraph)",
    "action_real": "action page (53/45-POL)",
    "actions_real": "`/actions/` (53/45-POL only)",
    "dashboard_asof": "dashboard `/?as_of=2020-06-01`",
    "resolution_asof": "resolution page (median synthetic), as of 2020-06-01",
    "paragraph_asof": "paragraph page, as of 2020-06-01",
    "actions_resolution_asof": "`/actions/` by resolution + status, as of 2020-06-01",
    "api_actions_asof": "`/api/actions/?status=delayed&as_of=2020-06-01`",
    "export_csv": "CSV export of every listed action",
    "export_xlsx": "XLSX export of every listed action",
}


def _fmt(value, digits=1):
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _queries(q):
    if not q:
        return "—"
    cold, warm = q.get("cold") or {}, q.get("warm") or {}
    if cold.get("status") == "timeout":
        return f"> {cold.get('queries')} (abandoned after {cold.get('seconds', 0):.0f} s)"
    if cold.get("status") != 200:
        return f"HTTP {cold.get('status')}"
    if warm and warm.get("queries") != cold.get("queries"):
        return f"{cold['queries']} / {warm['queries']}"
    return str(cold["queries"])


def page_table(result, config):
    pages = result["pages"].get(config, {})
    real = config.startswith("real_only")
    queries = result.get("queries_real_only", {}) if real else result["queries"]
    floor = (pages.get("floor") or {}).get("c1", {}).get("p50_ms")
    lines = [
        "| page | SQL queries (cold / warm cache) | p50 ms | p95 ms | req/s at c=2 | "
        "p50 ÷ floor | requests |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for name, page in pages.items():
        label = LABELS.get(name, name)
        q = queries.get(name)
        if q and name != "floor":
            worst = max((q.get(k) or {}).get("queries", 0) for k in ("cold", "warm"))
            if (q.get("cold") or {}).get("status") == "timeout":
                worst = f"> {worst} (abandoned after {q['cold']['seconds']:.0f} s)"
            met = isinstance(worst, int) and worst <= QUERY_BUDGET
            verdicts.append((f"{label}: ≤ {QUERY_BUDGET} queries", met, f"{worst}"))
        if not page.get("available"):
            why = (
                f"no response within {page.get('seconds', 0):.0f} s"
                if page.get("status") == 0
                else f"not available (HTTP {page.get('status', '—')})"
            )
            lines.append(f"| {label} | {_queries(q)} | {why} | | | | |")
            if ratio_target(config, name):
                target = ratio_target(config, name)
                verdicts.append((f"{label}: p50 ≤ {target:.0f}× floor", False, why))
            continue
        c1, c2 = page["c1"], page["c2"]
        ratio = c1["p50_ms"] / floor if floor and c1["p50_ms"] else None
        lines.append(
            f"| {label} | {_queries(q)} | {_fmt(c1['p50_ms'])} | {_fmt(c1['p95_ms'])} | "
            f"{_fmt(c2['rps'])} | {_fmt(ratio, 1) + '×' if ratio else '—'} | "
            f"{c1['requests']} + {c2['requests']} |"
        )
        target = ratio_target(config, name)
        if target and ratio is not None:
            verdict = (f"{label}: p50 ≤ {target:.0f}× floor", ratio <= target, f"{ratio:.1f}×")
            verdicts.append(verdict)
    return lines, verdicts


def export_table(result):
    lines = [
        "| export | HTTP | total s | first byte s | size MB | worker peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    verdicts = []
    for name, e in result.get("exports", {}).items():
        label = LABELS.get(name, name)
        if e.get("status") != 200:
            lines.append(f"| {label} | {e.get('status')} | {_fmt(e.get('seconds'))} | | | |")
            verdicts.append((f"{label}: available", False, f"HTTP {e.get('status')}"))
            continue
        peak = (e.get("worker") or {}).get("peak_rss_mb")
        lines.append(
            f"| {label} | 200 | {_fmt(e['seconds'])} | {_fmt(e['first_byte_s'])} | "
            f"{_fmt(e['bytes'] / 1e6)} | {peak if peak is not None else '—'} |"
        )
        if name == "export_csv" and peak is not None:
            verdicts.append(
                (f"{label}: peak RSS < {CSV_RSS_MB} MB", peak < CSV_RSS_MB, f"{peak} MB")
            )
        if name == "export_xlsx":
            verdicts.append(
                (
                    f"{label}: < {XLSX_SECONDS} s",
                    e["seconds"] < XLSX_SECONDS,
                    f"{e['seconds']:.1f} s",
                )
            )
    return lines, verdicts


def section(result):
    m, s, g = result["machine"], result.get("sizes", {}), result.get("generation", {})
    db = {"sqlite": f"SQLite {m.get('sqlite')}", "postgresql": m.get("postgresql")}[result["db"]]
    out = [
        f"### {db}",
        "",
        f"Run {result['date']} on {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']} GB RAM; Python "
        f"{m['python']}, Django {m['django']}; load average at start "
        f"{', '.join(f'{x:.1f}' for x in m['load_avg_at_start'])} (the machine is shared).",
        "",
        f"Data: {s.get('resolutions', 0):,} resolutions ({s.get('synthetic_resolutions', 0):,} "
        f"synthetic, scale `{result['scale']}`, seed {result['seed']}), "
        f"{s.get('paragraphs', 0):,} paragraphs, {s.get('actions', 0):,} actions, "
        f"{s.get('occurrences', 0):,} occurrences, {s.get('status_updates', 0):,} status "
        f"updates, {s.get('evidence', 0):,} pieces of evidence.",
        "",
    ]
    if g.get("reused"):
        out += ["Generation: dataset reused from an earlier run.", ""]
    elif g:
        out += [
            f"Generation (`generate_demo_data --scale {result['scale']}`): "
            f"{_fmt(g.get('generator_s'))} s in the generator, {_fmt(g.get('wall_s'))} s "
            "wall clock for the command.",
            "",
        ]
    verdicts = []
    cache = result.get("cache", "database table")
    out += [
        f"Shared cache (`CACHE_URL`): {cache}. Queries are SQL queries; with the database "
        "cache table, each page-cache look-up is one more, each store three more.",
        "",
    ]
    for config, title in [
        (
            "all_listed",
            "Every resolution listed "
            f"(`SHOW_SYNTHETIC_RESOLUTIONS=true`: {s.get('listed_resolutions', '?')} "
            "resolutions on public pages), "
            "served as readers get them (anonymous, page cache on)",
        ),
        (
            "all_listed_uncached",
            "The same pages rendered on every request "
            "(`PAGE_CACHE_SECONDS=0`): the first reader after a publish",
        ),
        ("real_only", "Only 53/45-POL listed (synthetic rows hidden, still in the tables)"),
        (
            "real_only_uncached",
            "Only 53/45-POL listed, rendered on every request (`PAGE_CACHE_SECONDS=0`)",
        ),
    ]:
        if config not in result.get("pages", {}):
            continue
        lines, v = page_table(result, config)
        verdicts += [(f"[{config}] {a}", b, c) for a, b, c in v]
        out += [f"#### {title}", "", *lines, ""]
    lines, v = export_table(result)
    verdicts += v
    out += ["#### Exports (a fresh 2-worker server per export)", "", *lines, ""]
    f = result.get("freshness")
    if f:
        out += [
            "#### Cache freshness across workers",
            "",
            f"53/45-POL's headline % served by each worker (pid: values seen), with its "
            f"roll-ups cached: before {json.dumps(f['before'])}; after a draft update "
            f"(Network completed today, or back to in progress) was saved "
            f"{json.dumps(f.get('with_draft'))}; after it "
            f"was submitted and published through workflow.services "
            f"{json.dumps(f['after'])}. Drafts never shown and both workers fresh at once: "
            f"**{'yes' if f['both_workers_fresh'] else 'NO'}**.",
            "",
        ]
        verdicts.append(
            ("both workers serve the new roll-up after a publish", f["both_workers_fresh"], "")
        )
    out += ["#### Targets", "", "| target | met | measured |", "|---|---|---|"]
    out += [f"| {a} | {'yes' if b else '**no**'} | {c} |" for a, b, c in verdicts]
    out.append("")
    return out


def _short(line, width=200):
    return line if len(line) <= width else line[: width - 1] + "…"


def plans_section(plans):
    out = []
    for item in plans:
        plan = "\n".join(_short(line) for line in item["plan"].rstrip().splitlines())
        out += [f"#### {item['title']}", "", item.get("note", ""), "", "```", plan, "```", ""]
    return out


def replace_between(text, name, lines):
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = "\n".join([start, *lines, end])
    if start in text:
        return re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    return text.rstrip() + "\n\n" + block + "\n"


def write_report(results_dir, doc_path):
    results_dir, doc_path = Path(results_dir), Path(doc_path)
    text = doc_path.read_text() if doc_path.exists() else "# Benchmarks\n"
    lines = []
    for kind in ("sqlite", "postgresql"):
        path = results_dir / f"{kind}.json"
        if path.exists():
            lines += section(json.loads(path.read_text()))
    if lines:
        text = replace_between(text, "results", lines)
    plans = results_dir / "plans.json"
    if plans.exists():
        text = replace_between(text, "plans", plans_section(json.loads(plans.read_text())))
    doc_path.write_text(text)
    return doc_path
