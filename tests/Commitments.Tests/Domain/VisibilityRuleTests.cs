using Commitments.Domain;

namespace Commitments.Tests.Domain;

/// <summary>
/// The visibility rule over every confidentiality level x reader x state, written out as a table of what each reader may
/// read of GB's updates, for lists and single reads (<see cref="Visibility.CanSee(Caller, string, Confidentiality, UpdateState)"/>)
/// and for reports (<see cref="Visibility.InReport"/>).
/// </summary>
public sealed class VisibilityRuleTests
{
    /// <summary>
    /// Each reader, the levels of GB's published content it reads ("all": also GB's drafts and withdrawn updates), and the levels
    /// of other participants' published content it reads (what the list's SQL is generated from).
    /// </summary>
    public static TheoryData<string, string, string> Readers() => new()
    {
        { "secretariat", "all", "public governments restricted" },
        { "liaison GB (own, government)", "all", "public governments" },
        { "liaison FR (another government)", "public governments", "public governments" },
        { "liaison EU (an international organisation)", "public governments", "public governments" },
        { "liaison anthropic (a company)", "public", "public" },
        { "liaison with no known kind", "public", "public" },
        { "observer", "public", "public" },
        { "anonymous", "public", "public" },
    };

    private static Caller Reader(string name) => name switch
    {
        "secretariat" => new Caller(Role.Secretariat, null, "k"),
        "liaison GB (own, government)" => new Caller(Role.Liaison, "GB", "k", ParticipantKind.Government),
        "liaison FR (another government)" => new Caller(Role.Liaison, "FR", "k", ParticipantKind.Government),
        "liaison EU (an international organisation)" => new Caller(Role.Liaison, "EU", "k", ParticipantKind.InternationalOrganisation),
        "liaison anthropic (a company)" => new Caller(Role.Liaison, "anthropic", "k", ParticipantKind.Company),
        "liaison with no known kind" => new Caller(Role.Liaison, "FR", "k"),
        // An observer key carries no participant; a kind on it (which authentication never sets) must not widen what it reads.
        "observer" => new Caller(Role.Observer, null, "k", ParticipantKind.Government),
        _ => Caller.Anonymous,
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public void EachReaderSeesExactlyTheLevelsAndStatesItsRowNames(string reader, string reads, string readsOfOthers)
    {
        var caller = Reader(reader);
        foreach (var level in Enum.GetValues<Confidentiality>())
        foreach (var state in Enum.GetValues<UpdateState>())
        {
            var published = state is UpdateState.Submitted or UpdateState.Accepted;
            var readsLevel = reads == "all" || reads.Split(' ').Contains(Codes.Of(level));
            var content = reads == "all" || (published && readsLevel);
            var because = $"{reader} reading GB's {Codes.Of(level)} {Codes.Of(state)} update";
            Assert.True(content == Visibility.CanSee(caller, "GB", level, state), because);
            var expected = content ? Sight.Content : published ? Sight.ThatItWasReported : Sight.Nothing;
            Assert.True(expected == Visibility.InReport(caller, "GB", level, state), $"{because} in a report");
            Assert.True(readsOfOthers.Split(' ').Contains(Codes.Of(level)) == Visibility.LevelsReaching(caller).Contains(level), $"{because}: levels of others");
        }
    }

    [Fact]
    public void ARestrictedReportIsKnownAsReportedButNeverReadByAnyoneElse()
    {
        foreach (var (reader, _) in Readers().Select(r => ((string)r[0], (string)r[1])).Where(r => r.Item2 != "all"))
            foreach (var state in UpdateWorkflow.ReportedStates)
                Assert.Equal(Sight.ThatItWasReported, Visibility.InReport(Reader(reader), "GB", Confidentiality.Restricted, state));
    }

    [Fact]
    public void AnInternalReviewCommentIsTheSecretariatsAlone()
    {
        foreach (var (reader, _) in Readers().Select(r => ((string)r[0], (string)r[1])))
        {
            Assert.True(Visibility.MayReadComment(Reader(reader), commentInternal: false));
            Assert.Equal(reader == "secretariat", Visibility.MayReadComment(Reader(reader), commentInternal: true));
        }
    }

    [Fact]
    public void GovernmentsIsTheCodeOfTheMiddleLevel()
    {
        Assert.Equal(["public", "governments", "restricted"], Codes.All<Confidentiality>());
    }
}
