using Commitments.Api.Features.Reports.Printable;
using Commitments.Domain;
using Commitments.Domain.Reports;

namespace Commitments.Tests.Reports;

/// <summary>Pure pieces of the pack: why a cell changed between two packs, and the CSS strings of the print furniture.</summary>
public sealed class PackRuleTests
{
    private static Cell Filed(UpdateState state, ImplementationStatus status = ImplementationStatus.Substantial, ImplementationStatus? assessed = null) =>
        new("BD-1", true, "x", UpdateWorkflow.CountsAsReported(state) ? status : null, assessed, state, Timeliness.OnTime, 0, false, "u");

    private static readonly Cell Nothing = new("BD-1", true, "missing", null, null, null, Timeliness.Missing, 0, false, null);
    private static readonly Cell Withheld = new("BD-1", true, Cell.WithheldMark, null, null, null, Timeliness.OnTime, 0, false, null, Withheld: true);
    private static readonly Cell Exempt = new("BD-1", true, "exempt", null, null, null, Timeliness.Exempt, 0, false, null);

    public static TheoryData<string, Cell?, Cell?, ChangeReason?> Moves() => new()
    {
        { "first submission", Nothing, Filed(UpdateState.Submitted), ChangeReason.Submitted },
        { "resubmitted after a return", Filed(UpdateState.Returned), Filed(UpdateState.Submitted), ChangeReason.Submitted },
        { "reported at a level the audience does not read", null, Withheld, ChangeReason.Submitted },
        { "accepted", Filed(UpdateState.Submitted), Filed(UpdateState.Accepted), ChangeReason.Accepted },
        { "accepted with another assessment", Filed(UpdateState.Submitted), Filed(UpdateState.Accepted, assessed: ImplementationStatus.Limited), ChangeReason.Accepted },
        { "returned", Filed(UpdateState.Submitted), Filed(UpdateState.Returned), ChangeReason.Returned },
        { "withdrawn after submission", Filed(UpdateState.Submitted), Filed(UpdateState.Withdrawn), ChangeReason.Withdrawn },
        { "a draft withdrawn", Filed(UpdateState.Draft), Filed(UpdateState.Withdrawn), ChangeReason.Withdrawn },
        { "reopened", Filed(UpdateState.Withdrawn), Filed(UpdateState.Draft), ChangeReason.Reopened },
        { "reassessed", Filed(UpdateState.Submitted, assessed: ImplementationStatus.Limited), Filed(UpdateState.Submitted, assessed: ImplementationStatus.Complete), ChangeReason.Reassessed },
        { "amended", Filed(UpdateState.Submitted), Filed(UpdateState.Submitted, ImplementationStatus.Complete), ChangeReason.Amended },
        { "exempted", Nothing, Exempt, ChangeReason.Exempted },
        { "gone from the audience's view", Filed(UpdateState.Accepted), Nothing, ChangeReason.NoLongerReported },
        { "unchanged", Filed(UpdateState.Accepted), Filed(UpdateState.Accepted), null },
        { "still withheld", Withheld, Withheld, null },
        { "a new draft is not yet news", Nothing, Filed(UpdateState.Draft), null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void EachChangeSaysWhy(string move, Cell? before, Cell? now, ChangeReason? reason) =>
        Assert.True(reason == BriefingPackBuilder.ReasonFor(before, now), $"{move}: {BriefingPackBuilder.ReasonFor(before, now)}");

    [Theory]
    [InlineData("\"}</style><script>alert(1)</script>")]
    [InlineData("a\\\"; } @page { @top-left { content: 'x'")]
    [InlineData("line\nbreak and ☃ and 𝔸")]
    public void DataInThePageFurnitureCannotLeaveItsCssString(string text)
    {
        var css = PrintStyles.CssString(text);
        Assert.StartsWith("\"", css);
        Assert.EndsWith("\"", css);
        var inner = css[1..^1];
        foreach (var c in "\"'<>{};@\n\r/") Assert.DoesNotContain(c, inner);
        Assert.All(inner, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is ' ' or '\\', $"'{c}' left unescaped"));
    }
}
