using System.Globalization;
using System.Text;
using Commitments.Domain.Reports;

namespace Commitments.Api.Features.Reports.Printable;

/// <summary>
/// What the printable pack is rendered from: the pack, and for a frozen pack its id and content hash (printed on every page).
/// <paramref name="ApiBase"/> is the absolute origin links point to (commitment sources), so they work in the printed PDF.
/// </summary>
public sealed record PrintablePack(BriefingPack Pack, string? PackId, string? ContentHash, string ApiBase)
{
    /// <summary>Items page one lists before it refers the reader to the annex, so the brief fits one A4 page.</summary>
    public const int BriefSpeakers = 8, BriefLate = 8, BriefContested = 5, BriefChanges = 8;

    public bool Frozen => PackId is not null;

    public bool MarksConfidentialItems => Pack.Audience != Audience.Public.Name;

    public string Classification => Pack.Classification ?? (Pack.Audience == Audience.Public.Name ? "PUBLIC" : "RESTRICTED");

    public string AsOf => Pack.AsOf.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The changes page one lists first: what went backwards, then the secretariat's decisions, then new reports.</summary>
    public IReadOnlyList<StatusChange> ChangesByWeight => Pack.Changes.StatusMoves.OrderBy(m => m.Reason switch
    {
        ChangeReason.NoLongerReported or ChangeReason.Returned or ChangeReason.Withdrawn => 0,
        ChangeReason.Reassessed or ChangeReason.Exempted => 1,
        ChangeReason.Accepted or ChangeReason.Amended => 2,
        _ => 3,
    }).ToList();

    public IReadOnlyDictionary<string, MatrixRow> Rows { get; } = Pack.Matrix.ToDictionary(r => r.ParticipantId);

    public IReadOnlyDictionary<string, CommitmentSummary> Commitments { get; } = Pack.Commitments.ToDictionary(c => c.CommitmentId);

    public string NameOf(string participantId) => Rows.TryGetValue(participantId, out var row) ? row.ParticipantName : participantId;

    public IReadOnlyList<ParticipantDigest> SpeakerDigests { get; } =
        (Pack.Speakers ?? []).Select(id => Pack.Digests.FirstOrDefault(d => d.ParticipantId == id)).OfType<ParticipantDigest>().ToList();

    public IReadOnlyList<ParticipantDigest> OtherDigests { get; } =
        Pack.Digests.Where(d => !(Pack.Speakers ?? []).Contains(d.ParticipantId)).ToList();

    /// <summary>The matrix rows grouped by kind (kinds in order of first appearance), each marked when it opens its group.</summary>
    public IReadOnlyList<(MatrixRow Row, bool First)> MatrixByKind { get; } =
        Pack.Matrix.GroupBy(r => r.Kind).SelectMany(g => g.Select((r, i) => (r, i == 0))).ToList();

    /// <summary>How many items a part of the page that grows with the cycle has (see PackSlice).</summary>
    public int CountOf(PackPart part) => part switch
    {
        PackPart.Speakers => SpeakerDigests.Count,
        PackPart.MatrixRows => MatrixByKind.Count,
        PackPart.Late => Pack.Late.Count,
        PackPart.OtherDigests => OtherDigests.Count,
        PackPart.StatusMoves => Pack.Changes.StatusMoves.Count,
        PackPart.NewEndorsements => Pack.Changes.NewEndorsements.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>Roughly how many table cells or lines an item renders: what a slice's size is counted in.</summary>
    public int WeightOf(PackPart part, int index) => part switch
    {
        PackPart.Speakers => SpeakerDigests[index].Items.Count + 1,
        PackPart.MatrixRows => MatrixByKind[index].Row.Cells.Count + 1,
        PackPart.OtherDigests => OtherDigests[index].Items.Count + 1,
        _ => 1,
    };

    /// <summary>
    /// Where a commitment's source text is read: its published source, or (for a commitment without one, or a pack frozen
    /// before sources were kept) the commitment in the API, which names its instrument and paragraph.
    /// </summary>
    public string SourceOf(string commitmentId) =>
        Commitments.TryGetValue(commitmentId, out var c) && c.SourceUrl is { } url
            ? url
            : $"{ApiBase}/v1/commitments/{Uri.EscapeDataString(commitmentId)}";

    /// <summary>True when the commitment comes from a chair's statement of a session its participants took part in.</summary>
    public bool FromChairsStatement(string commitmentId) => Commitments.TryGetValue(commitmentId, out var c) && c.FromChairsStatement;

    /// <summary>The chair's statements in scope, named once under the matrix and the per-commitment table.</summary>
    public IReadOnlyList<PackInstrument> ChairsStatements =>
        (Pack.InstrumentSources ?? []).Where(i => i.Kind == InstrumentKind.ChairsStatement).ToList();
}

/// <summary>The parts of the printed pack that grow with the cycle, rendered and written a slice at a time (see PackHtml).</summary>
public enum PackPart { Speakers, MatrixRows, Late, OtherDigests, StatusMoves, NewEndorsements }

/// <summary>Words and glyphs of the printed pack: every state told apart by a glyph as well as a colour.</summary>
public static class PrintLabels
{
    public static string Of<T>(T? value) where T : struct, Enum => value is { } v ? Of(v) : "–";

    public static string Of<T>(T value) where T : struct, Enum => Codes.Of(value).Replace('_', ' ');

    public static string Pct(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string StateOf(UpdateState? state) => state switch
    {
        UpdateState.Submitted => "submitted, not yet reviewed",
        UpdateState.Accepted => "accepted",
        null => "nothing filed",
        var s => Of(s),
    };

    public static string TimelinessOf(Timeliness? timeliness, int daysOverdue) => timeliness switch
    {
        Domain.Timeliness.Late or Domain.Timeliness.Overdue or Domain.Timeliness.Missing when daysOverdue > 0 => $"{Of(timeliness)}, {daysOverdue} d",
        null => "not yet due",
        var t => Of(t),
    };

    public static string Letter(ImplementationStatus status) => status switch
    {
        ImplementationStatus.Complete => "C",
        ImplementationStatus.Substantial => "S",
        ImplementationStatus.Limited => "L",
        ImplementationStatus.NotStarted => "N",
        ImplementationStatus.NoEvidenceAvailable => "NE",
        _ => "NA",
    };

    /// <summary>The glyph of a matrix cell: a status letter (self/assessed when contested, * while unreviewed) or a state code.</summary>
    public static string Glyph(Cell cell)
    {
        if (!cell.Obligated) return "";
        if (cell.Withheld) return "R";
        if (cell.Status is { } status)
        {
            var glyph = cell.Contested ? $"{Letter(status)}/{Letter(cell.AssessedStatus!.Value)}" : Letter(status);
            return cell.State == UpdateState.Submitted ? glyph + "*" : glyph;
        }
        if (cell.Timeliness == Domain.Timeliness.Exempt) return "ex";
        return cell.State switch
        {
            UpdateState.Draft => "dr",
            UpdateState.Returned => "rt",
            UpdateState.Withdrawn => "wd",
            _ => cell.Timeliness switch
            {
                Domain.Timeliness.Missing => "×",
                Domain.Timeliness.Overdue => "!",
                _ => "·",
            },
        };
    }

    /// <summary>The CSS class that colours and patterns a matrix cell.</summary>
    public static string Class(Cell cell)
    {
        if (!cell.Obligated) return "k-none";
        if (cell.Withheld) return "k-withheld";
        var kind = cell.Status is { } status ? "k-" + Codes.Of(status)
            : cell.Timeliness == Domain.Timeliness.Exempt ? "k-exempt"
            : cell.State is { } state ? "k-" + Codes.Of(state)
            : cell.Timeliness is Domain.Timeliness.Missing or Domain.Timeliness.Overdue ? "k-missing"
            : "k-pending";
        if (cell.Contested) kind += " contested";
        if (cell.State == UpdateState.Submitted) kind += " unreviewed";
        return kind;
    }

    public static readonly (string Glyph, string Class, string Label)[] Legend =
    [
        ("C", "k-complete", "complete"), ("S", "k-substantial", "substantial"), ("L", "k-limited", "limited"),
        ("N", "k-not_started", "not started"), ("NE", "k-no_evidence_available", "no evidence available"),
        ("NA", "k-not_applicable", "not applicable (self-assessed)"), ("S*", "k-substantial unreviewed", "submitted, not yet reviewed (dashed)"),
        ("S/L", "k-substantial contested", "contested: self-assessed / secretariat's assessment"),
        ("R", "k-withheld", "reported (restricted): content not in this pack"), ("dr", "k-draft", "draft"), ("rt", "k-returned", "returned"),
        ("wd", "k-withdrawn", "withdrawn"), ("ex", "k-exempt", "exempt"), ("!", "k-missing", "overdue"), ("×", "k-missing", "missing"),
        ("·", "k-pending", "not yet due"), ("", "k-none", "no obligation"),
    ];

    /// <summary>A long text cut at a word for print; the JSON and CSV carry it whole.</summary>
    public static string Clip(string? text, int length)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= length) return text ?? "";
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd() + "…";
    }

    public static string MarkClass(Confidentiality? level) => level == Confidentiality.Restricted ? "mark restricted" : "mark";

    /// <summary>A change since the previous pack in words, with its reason.</summary>
    public static string Change(StatusChange m) => m.Reason switch
    {
        ChangeReason.Submitted => m.To is { } to ? $"submitted ({Of(to)})" : "submitted (reported, restricted)",
        ChangeReason.Accepted => $"accepted ({Of(m.To)}{(m.ToAssessed is { } a && a != m.To ? $"; secretariat's assessment {Of(a)}" : "")})",
        ChangeReason.Returned => m.From is { } was ? $"returned to the participant (was {Of(was)})" : "returned to the participant",
        ChangeReason.Withdrawn => m.From is { } was ? $"withdrawn (was {Of(was)})" : "withdrawn",
        ChangeReason.Reopened => "reopened as a draft",
        ChangeReason.Reassessed => $"reassessed by the secretariat: {(m.FromAssessed is { } f ? Of(f) : "not assessed")} → {(m.ToAssessed is { } t ? Of(t) : "not assessed")}",
        ChangeReason.Amended => $"amended: {Of(m.From)} → {Of(m.To)}",
        ChangeReason.Exempted => "exempted by the secretariat",
        ChangeReason.NoLongerReported => m.From is { } was ? $"no longer reported (was {Of(was)})" : "no longer reported",
        _ => $"{Of(m.From)} → {Of(m.To)}",
    };

    public static string Marker(Confidentiality? level) => level switch
    {
        Confidentiality.Restricted => "RESTRICTED",
        Confidentiality.Governments => "GOVERNMENTS ONLY",
        _ => "",
    };
}

/// <summary>
/// The print stylesheet. Page furniture is drawn in the @page margin boxes, on every printed page: the classification, the
/// pack's as-of time and audience, its id and content hash, and "page X of Y". Their text comes from data, so it is written as
/// CSS strings in which every character but a letter, a digit or a space is a hex escape: nothing in it can end the string,
/// the rule or the style element.
/// </summary>
public static class PrintStyles
{
    public static string CssString(string text)
    {
        var s = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == ' ')) s.Append((char)rune.Value);
            else s.Append('\\').Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append(' ');
        }
        return s.Append('"').ToString();
    }

    public static string PageFurniture(PrintablePack model)
    {
        var pack = model.Pack;
        var identity = model.Frozen
            ? $"Frozen pack {model.PackId} · SHA-256 {model.ContentHash}"
            : "Live pack, not frozen: freeze it for an id and a content hash";
        return "@page{"
            + $"@top-left{{content:{CssString(model.Classification)}}}"
            + $"@top-center{{content:{CssString($"Briefing pack · cycle {pack.CycleId}")}}}"
            + $"@top-right{{content:{CssString($"As of {model.AsOf} · audience {pack.Audience}")}}}"
            + $"@bottom-left{{content:{CssString(model.Classification)}}}"
            + $"@bottom-center{{content:{CssString(identity)}}}"
            + "@bottom-right{content:\"page \" counter(page) \" of \" counter(pages)}}";
    }

    public const string Static = """
        @page{size:A4 landscape;margin:14mm 10mm 13mm 10mm;
          @top-left{font:bold 9pt sans-serif;color:#000;border-bottom:1.5pt solid #000;vertical-align:bottom;white-space:nowrap}
          @top-center{font:7.5pt sans-serif;color:#222;vertical-align:bottom;border-bottom:0.5pt solid #999}
          @top-right{font:7.5pt sans-serif;color:#222;vertical-align:bottom;border-bottom:0.5pt solid #999;white-space:nowrap}
          @bottom-left{font:bold 9pt sans-serif;color:#000;border-top:1.5pt solid #000;vertical-align:top;white-space:nowrap}
          @bottom-center{font:6.5pt monospace;color:#222;vertical-align:top;border-top:0.5pt solid #999}
          @bottom-right{font:8pt sans-serif;color:#000;vertical-align:top;border-top:0.5pt solid #999;white-space:nowrap}}
        *{box-sizing:border-box;-webkit-print-color-adjust:exact;print-color-adjust:exact}
        body{font:8.5pt/1.3 "DejaVu Sans",Arial,sans-serif;color:#111;margin:0;font-variant-ligatures:none}
        h1{font-size:14pt;margin:0 0 2mm}h2{font-size:11pt;margin:3mm 0 1.5mm;break-after:avoid}h3{font-size:9.5pt;margin:2mm 0 1mm;break-after:avoid}
        section.page{break-before:page}section.page:first-of-type{break-before:auto}
        a{color:#0b4f9c}
        table{border-collapse:collapse;width:100%}th,td{border:0.5pt solid #999;padding:0.6mm 1mm;text-align:left;vertical-align:top}
        th{background:#eee}thead{display:table-header-group}tr{break-inside:avoid}
        .num{text-align:right;white-space:nowrap}.small{font-size:7.5pt}.muted{color:#555}
        .note{border:0.5pt solid #999;padding:1mm 2mm;background:#fafafa;margin:0 0 2mm}
        .brief{display:grid;grid-template-columns:1fr 1fr;gap:4mm}
        .figures{display:grid;grid-template-columns:repeat(4,1fr);gap:1.5mm;margin-bottom:2mm}
        .figure{border:0.75pt solid #444;padding:1mm 1.5mm}.figure b{display:block;font-size:13pt}
        .brief table{font-size:7.5pt}
        .mark{display:inline-block;border:1pt solid #000;padding:0 1mm;font-weight:bold;font-size:6.5pt;letter-spacing:.03em;background:#fff}
        .mark.restricted{background:#000;color:#fff}
        .contents ol{margin:0;padding-left:5mm}
        .participant h2 small{font-weight:normal}
        .participant table{font-size:7.5pt}
        .annex .participant{break-inside:avoid-page;border-top:1pt solid #444;margin-top:3mm}
        .matrix{table-layout:fixed;font-size:7pt}
        .matrix th.name{width:42mm}.matrix th.col{height:16mm;vertical-align:bottom;padding:0.3mm;text-align:center;font-size:6.5pt}
        .matrix th.col span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
        .matrix td{text-align:center;padding:0.2mm 0;height:4mm;font-weight:bold}
        .matrix td.name{text-align:left;font-weight:normal;padding-left:1mm;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .matrix tr.group td{background:#ddd;text-align:left;font-weight:bold;padding-left:1mm}
        .k-complete{background:#1a7a3d;color:#fff}.k-substantial{background:#8fd16a}.k-limited{background:#fee08b}
        .k-not_started{background:#fc8d59}.k-no_evidence_available{background:#c2242c;color:#fff}.k-not_applicable{background:#bdbdbd}
        .k-withheld{background:repeating-linear-gradient(45deg,#fff 0 1.2mm,#9a9a9a 1.2mm 1.8mm)}
        .k-draft{background:#fff;outline:0.75pt dotted #333;outline-offset:-1.2pt;font-weight:normal}
        .k-returned{background:#f2e6ff;font-style:italic}.k-withdrawn{background:#e6e6e6;text-decoration:line-through;font-weight:normal}
        .k-exempt{background:#fff;color:#555;font-weight:normal}
        .k-missing{background:#fbd0d0;color:#7a0000}.k-pending{background:#fff;color:#999}.k-none{background:#f2f2f2}
        .unreviewed{outline:1pt dashed #000;outline-offset:-1.5pt}.contested{box-shadow:inset 0 0 0 1.5pt #000}
        .legend{display:flex;flex-wrap:wrap;gap:1mm 3mm;font-size:7pt;margin-top:2mm}
        .legend span{white-space:nowrap}.legend i{display:inline-block;min-width:6mm;text-align:center;font-style:normal;font-weight:bold;border:0.5pt solid #888;margin-right:1mm}
        .commitments{font-size:7pt}.commitments td,.commitments th{padding:0.4mm 0.8mm}
        .late-list{columns:3;column-gap:5mm;font-size:7pt}.late-list div{break-inside:avoid}
        """;
}
