using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports;

/// <summary>A printable page (A4 landscape): the matrix as an SVG heat map, per-commitment figures, the late list, digests.</summary>
public static class PackHtml
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private static readonly (string Mark, string Colour, string Label)[] Legend =
    [
        ("complete", "#1a9850", "complete"),
        ("substantial", "#91cf60", "substantial"),
        ("limited", "#fee08b", "limited"),
        ("not_started", "#fc8d59", "not started"),
        ("no_evidence_available", "#d73027", "no evidence available"),
        ("not_applicable", "#9e9e9e", "not applicable (self-assessed)"),
        ("pending", "#ffffff", "not yet filed, not yet due"),
        ("draft", "#e0e0e0", "draft / returned / withdrawn"),
        ("overdue", "#7b3294", "overdue or missing"),
        ("n/a", "#f5f5f5", "no obligation"),
    ];

    private static string Colour(Cell cell) => cell.Mark switch
    {
        "n/a" => "#f5f5f5",
        "pending" => "#ffffff",
        "overdue" or "missing" => "#7b3294",
        "draft" or "returned" or "withdrawn" or "late" or "on_time" or "exempt" => "#e0e0e0",
        var m => Legend.FirstOrDefault(l => l.Mark == m).Colour ?? "#e0e0e0",
    };

    private static string E(string? text) => Html.Encode(text ?? "");
    private static string Pct(double? share) => share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";
    private static string C<T>(T? value) where T : struct, Enum => value is { } v ? Codes.Of(v).Replace('_', ' ') : "–";

    public static string Render(BriefingPack pack)
    {
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Briefing pack ")
            .Append(E(pack.CycleId)).Append("</title><style>")
            .Append("@page{size:A4 landscape;margin:10mm}body{font:10pt/1.35 system-ui,sans-serif;color:#111;margin:0 8px}")
            .Append("h1{font-size:16pt;margin:4px 0}h2{font-size:12pt;margin:14px 0 4px;break-after:avoid}")
            .Append("table{border-collapse:collapse;width:100%;font-size:8.5pt}th,td{border:1px solid #bbb;padding:2px 4px;text-align:left;vertical-align:top}")
            .Append("th{background:#eee}.note{border:1px solid #999;padding:4px 8px;background:#fafafa}#heat-map{display:block;width:100%;height:auto;max-height:125mm}")
            .Append(".legend span{display:inline-block;margin-right:10px}.legend i{display:inline-block;width:10px;height:10px;border:1px solid #888;margin-right:3px}")
            .Append(".digest{break-inside:avoid-page}</style></head><body>");
        s.Append("<h1>Briefing pack: ").Append(E(pack.CycleTitle)).Append("</h1>");
        s.Append("<p class=\"note\"><strong>As of</strong> ").Append(E(pack.AsOf.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · <strong>Audience</strong> ").Append(E(pack.Audience)).Append(" · ").Append(E(pack.Confidentiality));
        if (pack.SessionOn is not null) s.Append(" · <strong>Session</strong> ").Append(E(pack.SessionOn));
        s.Append(" · <strong>Instruments</strong> ").Append(E(string.Join(", ", pack.Instruments))).Append("</p>");

        HeatMap(s, pack);
        if (pack.CommitmentsWithoutObligations is { Count: > 0 } unbound)
            s.Append("<p>No participant is bound in this cycle by ").Append(E(string.Join(", ", unbound))).Append(", so they are left out.</p>");
        CommitmentTable(s, pack);
        LateTable(s, pack);
        Changes(s, pack);
        Digests(s, pack);
        s.Append("</body></html>");
        return s.ToString();
    }

    private static void HeatMap(StringBuilder s, BriefingPack pack)
    {
        const int cell = 14, left = 140, top = 70;
        var width = left + pack.CommitmentIds.Count * cell + 10;
        var height = top + pack.Matrix.Count * cell + 10;
        s.Append("<section><h2>Coverage matrix</h2>");
        s.Append(CultureInfo.InvariantCulture, $"<svg id=\"heat-map\" role=\"img\" aria-label=\"Coverage heat map\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"8\">");
        for (var c = 0; c < pack.CommitmentIds.Count; c++)
        {
            var x = left + c * cell + cell / 2;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{top - 4}\" transform=\"rotate(-60 {x} {top - 4})\">{E(pack.CommitmentIds[c])}</text>");
        }
        for (var r = 0; r < pack.Matrix.Count; r++)
        {
            var row = pack.Matrix[r];
            var y = top + r * cell;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + cell - 4}\" text-anchor=\"end\">{E(Truncate(row.ParticipantName, 26))}</text>");
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var item = row.Cells[c];
                s.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"cell\" data-participant=\"{E(row.ParticipantId)}\" data-commitment=\"{E(item.CommitmentId)}\" data-mark=\"{E(item.Mark)}\" ")
                    .Append(CultureInfo.InvariantCulture, $"x=\"{left + c * cell}\" y=\"{y}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{Colour(item)}\" stroke=\"#999\" stroke-width=\"0.5\">")
                    .Append("<title>").Append(E($"{row.ParticipantName} · {item.CommitmentId}: {item.Mark.Replace('_', ' ')}{(item.Contested ? " (contested)" : "")}")).Append("</title></rect>");
                if (item.Contested)
                    s.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + c * cell + 4}\" y=\"{y + cell - 4}\" font-size=\"9\">!</text>");
            }
        }
        s.Append("</svg><p class=\"legend\">");
        foreach (var (_, colour, label) in Legend) s.Append("<span><i style=\"background:").Append(colour).Append("\"></i>").Append(E(label)).Append("</span>");
        s.Append("<span>! contested</span></p></section>");
    }

    private static void CommitmentTable(StringBuilder s, BriefingPack pack)
    {
        s.Append("<section><h2>Per commitment</h2><table id=\"commitments\"><thead><tr><th>Commitment</th><th>Title</th><th>Obligated</th><th>Reported</th><th>High completion</th><th>Statuses</th><th>Latest evidence</th></tr></thead><tbody>");
        foreach (var c in pack.Commitments)
        {
            s.Append("<tr><td>").Append(E(c.CommitmentId)).Append("</td><td>").Append(E(c.Title)).Append("</td><td>").Append(c.Obligated)
                .Append("</td><td>").Append(c.Reported).Append("</td><td>").Append(Pct(c.HighCompletionShare)).Append("</td><td>")
                .Append(E(string.Join(", ", c.StatusCounts.Where(x => x.Count > 0).Select(x => $"{C<ImplementationStatus>(x.Status)} {x.Count}"))))
                .Append("</td><td>");
            foreach (var e in c.LatestEvidence) s.Append(E(e.Title)).Append(" <small>").Append(E(e.Url)).Append("</small><br>");
            s.Append("</td></tr>");
        }
        s.Append("</tbody></table></section>");
    }

    private static void LateTable(StringBuilder s, BriefingPack pack)
    {
        s.Append("<section><h2>Late and missing submissions</h2><table id=\"late-list\"><thead><tr><th>Participant</th><th>Commitment</th><th>Timeliness</th><th>Days overdue</th><th>State</th></tr></thead><tbody>");
        foreach (var l in pack.Late)
            s.Append("<tr><td>").Append(E(l.ParticipantName)).Append("</td><td>").Append(E(l.CommitmentId)).Append("</td><td>").Append(E(C<Timeliness>(l.Timeliness)))
                .Append("</td><td>").Append(l.DaysOverdue).Append("</td><td>").Append(E(C(l.State))).Append("</td></tr>");
        if (pack.Late.Count == 0) s.Append("<tr><td colspan=\"5\">None.</td></tr>");
        s.Append("</tbody></table></section>");
    }

    private static void Changes(StringBuilder s, BriefingPack pack)
    {
        s.Append("<section><h2>Changes since the previous pack</h2>");
        if (pack.Changes.PreviousPackId is null)
        {
            s.Append("<p>No earlier frozen pack for this cycle and audience.</p></section>");
            return;
        }
        s.Append("<p>Since the pack as of ").Append(E(pack.Changes.PreviousAsOf?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(":</p><ul>");
        foreach (var m in pack.Changes.StatusMoves)
            s.Append("<li>").Append(E($"{m.ParticipantId} · {m.CommitmentId}: {C(m.From)} → {C(m.To)}")).Append("</li>");
        foreach (var n in pack.Changes.NewEndorsements)
            s.Append("<li>").Append(E($"{n.ParticipantId} endorsed {n.Instrument}")).Append("</li>");
        s.Append("</ul></section>");
    }

    private static void Digests(StringBuilder s, BriefingPack pack)
    {
        s.Append("<h2>Participant digests</h2>");
        foreach (var d in pack.Digests)
        {
            s.Append("<section class=\"digest\"><h3>").Append(E(d.Name)).Append(" <small>(").Append(E(d.ParticipantId)).Append(", ")
                .Append(E(C<ParticipantKind>(d.Kind))).Append(")</small></h3><p>Endorsed: ")
                .Append(E(string.Join(", ", d.Endorsements.Select(e => e.InstrumentCode)))).Append(" · reported ").Append(d.Reported).Append(" of ")
                .Append(d.Obligations).Append(" (").Append(Pct(d.ReportedShare)).Append(")</p>");
            var messages = d.Items.Where(i => i.MainMessage is not null).ToList();
            if (messages.Count > 0)
            {
                s.Append("<ul>");
                foreach (var i in messages)
                    s.Append("<li><strong>").Append(E(i.CommitmentId)).Append("</strong> (").Append(E(C(i.Status))).Append("): ").Append(E(i.MainMessage)).Append("</li>");
                s.Append("</ul>");
            }
            s.Append("</section>");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
