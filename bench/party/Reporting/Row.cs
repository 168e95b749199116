using System.Globalization;

namespace Marquee.Bench.Party.Reporting;

/// <summary>
/// One line of the figures table: our members' value beside the naive members' in the same run, their ratio
/// (naive ÷ ours: how many times better the contract's client does), and the issue's target where it sets one.
/// </summary>
internal sealed record Row(string Scenario, string Metric, double? Ours, double? Naive, string Unit, double? Target = null, bool AtLeast = false, string? Note = null)
{
    public bool? Met => Target is { } target && Ours is { } ours && !double.IsNaN(ours) ? (AtLeast ? ours >= target : ours <= target) : Target is null ? null : false;

    public string Ratio => Ours is { } o && Naive is { } n && !double.IsNaN(o) && !double.IsNaN(n) && o > 0 && Unit != "%" ? (n / o).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "—";

    public static string Format(double? value, string unit) => value switch
    {
        null => "—",
        double v when double.IsNaN(v) => "n/a",
        double v when unit == "ms" => v.ToString("0", CultureInfo.InvariantCulture) + " ms",
        double v when unit == "s" => v.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        double v when unit == "%" => v.ToString("0", CultureInfo.InvariantCulture) + " %",
        double v when unit == "cores" => v.ToString("0.000", CultureInfo.InvariantCulture) + " cores",
        double v => v.ToString("0.##", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : ""),
    };

    public string TargetText => Target is { } t ? (AtLeast ? "≥ " : "≤ ") + Format(t, Unit) : "—";

    public string Verdict => Met switch { true => "met", false => "MISSED", null => "" };

    public static void Print(TextWriter output, IReadOnlyList<Row> rows)
    {
        var header = new[] { "scenario", "metric", "ours", "naive (reference)", "naive/ours", "target", "" };
        var cells = rows.Select(r => new[] { r.Scenario, r.Metric, Format(r.Ours, r.Unit), Format(r.Naive, r.Unit), r.Ratio, r.TargetText, r.Verdict }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] c) => string.Join("  ", c.Select((x, i) => i is 2 or 3 or 4 ? x.PadLeft(widths[i]) : x.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var (row, c) in rows.Zip(cells))
        {
            output.WriteLine(Line(c));
            if (row.Note is not null)
            {
                output.WriteLine("    " + row.Note);
            }
        }
    }

    /// <summary>The same table as Markdown, for the README.</summary>
    public static string Markdown(IReadOnlyList<Row> rows) =>
        "| scenario | metric | ours | naive (reference) | naive/ours | target | |\n|---|---|---:|---:|---:|---|---|\n"
        + string.Concat(rows.Select(r => $"| {r.Scenario} | {r.Metric} | {Format(r.Ours, r.Unit)} | {Format(r.Naive, r.Unit)} | {r.Ratio} | {r.TargetText} | {r.Verdict} |\n"));
}
