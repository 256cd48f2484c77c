using System.Text.Json;

namespace Commitments.Domain;

/// <summary>Kinds of participant in the Bletchley process.</summary>
public enum ParticipantKind { Government, InternationalOrganisation, Company }

/// <summary>Which kinds of participant a commitment binds.</summary>
public enum AppliesTo { Governments, Companies, All }

/// <summary>Open Government Partnership completion scale, plus not_applicable.</summary>
public enum ImplementationStatus { NoEvidenceAvailable, NotStarted, Limited, Substantial, Complete, NotApplicable }

/// <summary>Where a progress update stands in the secretariat's review workflow.</summary>
public enum UpdateState { Draft, Submitted, Returned, Accepted, Withdrawn }

/// <summary>Timeliness of an obligation within a reporting cycle.</summary>
public enum Timeliness { OnTime, Late, Overdue, Missing, Exempt }

/// <summary>
/// Who may read an update's content besides the secretariat and the participant itself: everyone (public), liaisons of
/// governments and international organisations (governments), or nobody else (restricted). <see cref="Visibility"/> applies it.
/// </summary>
public enum Confidentiality { Public, Governments, Restricted }

public enum CycleState { Planned, Open, Closed }

/// <summary>
/// How a participant relates to an instrument: signed it when it was agreed, joined it later, or took part in the session a
/// chair's statement records (nobody signs a chair's statement).
/// </summary>
public enum EndorsementBasis { Original, JoinedLater, TookPart }

/// <summary>What an endorsement's date says: it happened on that day, or by then at the latest (a list published that day names it).</summary>
public enum DatePrecision { On, By }

/// <summary>An agreed text its endorsers signed or joined, or a chair's statement of a session its participants took part in.</summary>
public enum InstrumentKind { AgreedText, ChairsStatement }

public enum Role { Secretariat, Liaison, Observer }

/// <summary>
/// How two commitments of the crosswalk relate: they ask the same thing (either way round), or the first is the second's
/// successor in a later instrument.
/// </summary>
public enum LinkRelation { AsksSame, Succeeds }

public enum EvidenceKind { Document, Webpage, Dataset, Legislation, Report, Other }

public enum ReviewDecision { Accept, Return }

/// <summary>Who reads a review comment: the participant (and whoever may see the update), or the secretariat alone.</summary>
public enum CommentVisibility { Participant, Internal }

/// <summary>Vocabulary values travel as snake_case codes, in JSON and in the database alike.</summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum => Vocabulary<T>.Code[value];

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code.");

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        return code is not null && Vocabulary<T>.Value.TryGetValue(code, out value);
    }

    /// <summary>The same, for a code not made into a string (a report reads four codes on each of thousands of rows).</summary>
    public static T Parse<T>(ReadOnlySpan<char> code) where T : struct, Enum =>
        Vocabulary<T>.Lookup.TryGetValue(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(T).Name} code.");

    /// <summary>The codes of one vocabulary, worked out once: they are read on every row and every cell.</summary>
    private static class Vocabulary<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Code =
            Enum.GetValues<T>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly Dictionary<string, T> Value = Code.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        public static readonly Dictionary<string, T>.AlternateLookup<ReadOnlySpan<char>> Lookup = Value.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static IReadOnlyList<string> All<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(Of).ToArray();
}
