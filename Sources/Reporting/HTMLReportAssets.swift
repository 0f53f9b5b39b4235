/// The inline style and script of the HTML report.
///
/// The script holds no `<` or `&`, so the page stays well-formed XML without a CDATA
/// section; it only toggles the `hidden` attribute, so without it every row is shown.
enum HTMLReportAssets {
    static let style = """

        :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
          --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --skip: #6e7781; --crash: #8250df; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: var(--fg); }
        header { padding: 16px 24px 12px; border-bottom: 1px solid var(--line); background: var(--bg-soft); position: sticky; top: 0; z-index: 1; }
        h1 { font-size: 20px; margin: 0 12px 4px 0; display: inline-block; }
        h2 { font-size: 16px; margin: 0 0 8px; }
        h3 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); }
        main { padding: 8px 24px 48px; }
        code, pre { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        pre { margin: 4px 0; padding: 6px 8px; background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px;
          white-space: pre-wrap; overflow-wrap: anywhere; max-height: 24em; overflow: auto; }
        .verdict { display: inline-block; margin: 0; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
        .verdict.fails { background: var(--fail); }
        .verdict.passes { background: var(--pass); }
        .partial { color: var(--warn); font-weight: 600; margin: 4px 0; }
        .meta { color: var(--muted); margin: 4px 0 10px; }
        .filters { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
        .filter { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; user-select: none; }
        .filter .count { font-weight: 600; }
        .presets button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
        .presets button:hover { background: #eef1f4; }
        .shown { color: var(--muted); margin-left: auto; }
        .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.passed { background: var(--pass); }
        .badge.failed, .badge.error { background: var(--fail); }
        .badge.syntax-error { background: #a40e26; }
        .badge.timeout { background: #bc4c00; }
        .badge.crashed { background: var(--crash); }
        .badge.skipped { background: var(--skip); }
        section.document { margin: 20px 0 0; }
        .document h2 .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .document h2 .counts { font-weight: normal; color: var(--muted); font-size: 13px; margin-left: 8px; }
        .input-errors { margin: 16px 0; padding: 8px 12px; border: 1px solid var(--fail); border-radius: 6px; }
        table { border-collapse: collapse; width: 100%; }
        table.snippets > thead th { text-align: left; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); padding: 4px 8px; }
        tr.snippet > td { border-bottom: 1px solid var(--line); padding: 6px 8px; vertical-align: top; }
        tr.snippet[data-status="failed"] > td:first-child, tr.snippet[data-status="error"] > td:first-child,
        tr.snippet[data-status="syntax-error"] > td:first-child, tr.snippet[data-status="timeout"] > td:first-child,
        tr.snippet[data-status="crashed"] > td:first-child { box-shadow: inset 3px 0 0 var(--fail); }
        td.lines { white-space: nowrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        table.snippets > thead th:nth-child(1) { width: 6em; }
        table.snippets > thead th:nth-child(2) { width: 8em; }
        table.snippets > thead th:nth-child(4) { width: 5em; }
        td.lines a { color: inherit; text-decoration: none; }
        td.detail { width: 100%; }
        th.time, td.time { text-align: right; white-space: nowrap; color: var(--muted); }
        .what .language { font-weight: 600; }
        .what .heading { color: var(--muted); margin-left: 6px; }
        .context { font-size: 12px; color: var(--warn); margin-left: 6px; }
        .reason { margin-top: 2px; }
        .snippet-error { margin-top: 2px; color: var(--fail); }
        .snippet-error.quiet { color: var(--muted); }
        .at, .note { color: var(--muted); font-size: 12px; }
        table.claims { margin: 6px 0; font-size: 13px; }
        table.claims th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; padding: 2px 6px; border-bottom: 1px solid var(--line); }
        table.claims td { padding: 3px 6px; vertical-align: top; border-bottom: 1px solid #eef1f4; }
        table.claims td pre { max-height: 12em; }
        table.claims th:first-child { width: 4em; }
        tr.claim.fails { background: #ffebe9; }
        tr.claim-detail.fails { background: #fff5f4; }
        .kind { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); margin-right: 4px; }
        .verdict-holds { color: var(--pass); font-weight: 600; }
        .verdict-fails { color: var(--fail); font-weight: 600; }
        .verdict-unchecked { color: var(--warn); }
        pre.diff { max-height: none; }
        pre.diff .del { background: #ffebe9; color: #82071e; }
        pre.diff .add { background: #dafbe1; color: #116329; }
        pre.diff .head { color: var(--muted); }
        ul.findings { margin: 6px 0; padding-left: 18px; }
        .finding .severity { font-weight: 600; text-transform: uppercase; font-size: 11px; }
        .finding.error .severity { color: var(--fail); }
        .finding.warning .severity { color: var(--warn); }
        .finding.info .severity { color: var(--skip); }
        details.output { margin-top: 4px; }
        details.output summary { cursor: pointer; color: var(--muted); font-size: 12px; }
        .empty { color: var(--muted); }

        """

    static let script = """

        (function () {
          "use strict";
          var root = document.documentElement;
          var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));
          var rows = Array.prototype.slice.call(document.querySelectorAll("tr.snippet"));
          var sections = Array.prototype.slice.call(document.querySelectorAll("section.document"));
          var problems = ["failed", "error", "syntax-error", "timeout", "crashed"];
          var shownText = document.getElementById("shown");

          function selected() {
            return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
          }

          function apply() {
            var show = selected();
            var visible = 0;
            rows.forEach(function (row) {
              var on = show.indexOf(row.getAttribute("data-status")) !== -1;
              row.hidden = !on;
              if (on) { visible += 1; }
            });
            sections.forEach(function (section) {
              var ownProblems = section.getAttribute("data-problems") !== "0";
              section.hidden = !ownProblems ? section.querySelector("tr.snippet:not([hidden])") === null : false;
            });
            shownText.textContent = visible + " of " + rows.length + " snippets shown";
            root.setAttribute("data-shown", String(visible));
          }

          function remember() {
            var show = selected();
            var hash = show.length === boxes.length ? "" : "#show=" + show.join(",");
            try { history.replaceState(null, "", hash === "" ? location.pathname + location.search : hash); } catch (ignored) {}
          }

          function fromAddress() {
            var match = /^#show=([a-z,-]*)$/.exec(location.hash);
            if (match === null) { return; }
            var wanted = match[1].split(",");
            boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
          }

          boxes.forEach(function (box) {
            box.addEventListener("change", function () { apply(); remember(); });
          });
          Array.prototype.slice.call(document.querySelectorAll("button[data-preset]")).forEach(function (button) {
            button.addEventListener("click", function () {
              var all = button.getAttribute("data-preset") === "all";
              boxes.forEach(function (box) { box.checked = all || problems.indexOf(box.value) !== -1; });
              apply();
              remember();
            });
          });
          window.addEventListener("hashchange", function () { fromAddress(); apply(); });
          fromAddress();
          apply();
          root.setAttribute("data-filters", "ready");
        }());

        """
}
