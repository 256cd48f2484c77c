using System.Globalization;
using System.Text.RegularExpressions;
using Commitments.Domain;
using Commitments.Infrastructure.Seed;
using Commitments.Tests.Support;

namespace Commitments.Tests.Catalogue;

/// <summary>
/// Every seeded quotation is word for word from its instrument's primary text (the project's own copies in Sources/): after
/// the normalisation a print needs (whitespace, quote marks, bullets, footnote markers, hyphens at line ends), each part of
/// a quotation between ellipses appears in the text, in order.
/// </summary>
public sealed partial class QuotationTests
{
    private static readonly Dictionary<string, string> TextOf = new()
    {
        ["BD"] = "2023-bletchley-declaration.txt",
        ["ST"] = "2023-bletchley-safety-testing-statement.txt",
        ["CS"] = "2023-bletchley-chair-statement.txt",
        ["SD"] = "2024-seoul-declaration.txt",
        ["SOI"] = "2024-seoul-safety-science-statement.txt",
        ["FAISC"] = "2024-seoul-frontier-ai-commitments.txt",
    };

    private static string Source(string instrument) =>
        File.ReadAllText(Path.Combine(Repo.Root, "tests", "Commitments.Tests", "Catalogue", "Sources", TextOf[instrument]));

    /// <summary>The words of a print, without what the print added: footnote markers, bullets, line breaks, typographic quotes.</summary>
    public static string Normalise(string text)
    {
        text = FootnoteMarker().Replace(text, "");
        text = text.Replace('‘', '\'').Replace('’', '\'').Replace('“', '"').Replace('”', '"');
        text = HyphenAtLineEnd().Replace(text, "-");
        text = text.Replace('•', ' ').Replace('●', ' ');
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>Whether each part of the quotation between ellipses appears in the text, in order; null when it does, else the first part that does not.</summary>
    public static string? MissingPart(string quotation, string text)
    {
        var source = Normalise(text);
        var from = 0;
        foreach (var part in Normalise(quotation).Replace("...", "…").Split('…').Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var at = source.IndexOf(part, from, StringComparison.Ordinal);
            if (at < 0) return part;
            from = at + part.Length;
        }
        return null;
    }

    public static TheoryData<string> QuotedCommitments() => [.. BletchleyCatalogue.Commitments.Where(c => c.QuotedFrom is null).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(QuotedCommitments))]
    public void TheQuotationIsWordForWordFromItsPrimaryText(string id)
    {
        var c = BletchleyCatalogue.Commitments.Single(c => c.Id == id);
        Assert.False(string.IsNullOrWhiteSpace(c.Quotation), $"{id} has no quotation");
        Assert.True(TextOf.ContainsKey(c.InstrumentCode), $"{id}: no primary text of {c.InstrumentCode} is held, so its wording must name a secondary source");
        Assert.Null(MissingPart(c.Quotation!, Source(c.InstrumentCode)));
    }

    [Fact]
    public void AQuotationFromASecondarySourceSaysSoAndNoneComesFromAPressRelease()
    {
        var secondary = BletchleyCatalogue.Commitments.Where(c => c.QuotedFrom is not null).ToList();
        Assert.Equal(["SMS-1"], secondary.Select(c => c.Id));
        Assert.All(secondary, c => Assert.False(TextOf.ContainsKey(c.InstrumentCode), $"{c.Id}: its primary text is held; quote that"));
        Assert.All(BletchleyCatalogue.Commitments, c => Assert.DoesNotContain("/news/", c.SourceUrl ?? ""));
        Assert.All(BletchleyCatalogue.Commitments, c => Assert.DoesNotContain("press release", c.ParagraphRef));
    }

    [Fact]
    public void TheMatcherRefusesWordsNotInTheTextAndPartsOutOfOrder()
    {
        var bd = Source("BD");
        Assert.Null(MissingPart("we resolve to support an internationally inclusive network", bd));
        Assert.Null(MissingPart("‘frontier’ of AI … which match or exceed the capabilities", bd));
        // The press release's "where relevant" is not the statement's condition.
        Assert.Equal("to share outcomes of evaluations with other countries, where relevant",
            MissingPart("to share outcomes of evaluations with other countries, where relevant", Source("ST")));
        Assert.Equal("We look forward to meeting again in 2024.", MissingPart("We look forward to meeting again in 2024. … Australia … We look forward to meeting again in 2024.", bd));
        Assert.Equal("tools for testing", MissingPart("appropriate evaluation metrics, … tools for testing", bd));
    }

    [Fact]
    public void EveryInstrumentRecordsTheEditionOfItsSourceAsThePrintStatesIt()
    {
        foreach (var instrument in BletchleyCatalogue.Instruments)
        {
            var edition = instrument.Edition;
            Assert.NotNull(edition);
            Assert.True(DateOnly.TryParseExact(edition.CheckedOn, "yyyy-MM-dd", out _), $"{instrument.Code}: checkedOn {edition.CheckedOn}");
            if (!TextOf.ContainsKey(instrument.Code))
            {
                Assert.Null(edition.On);
                continue;
            }
            var line = EditionLine().Match(Source(instrument.Code));
            if (!line.Success)
            {
                Assert.Equal((null, null), (edition.Label, edition.On));
                continue;
            }
            var printed = DateTime.ParseExact(line.Groups["date"].Value, "d MMMM yyyy", CultureInfo.InvariantCulture).ToString("yyyy-MM-dd");
            Assert.Equal((line.Groups["label"].Value.ToLowerInvariant(), printed), (edition.Label, edition.On));
        }
    }

    [GeneratedRegex(@"\[footnote \d+\]")]
    private static partial Regex FootnoteMarker();

    [GeneratedRegex(@"-[ \t]*\r?\n\s*")]
    private static partial Regex HyphenAtLineEnd();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<label>Published|Updated) (?<date>\d{1,2} [A-Z][a-z]+ \d{4})\s*$", RegexOptions.Multiline)]
    private static partial Regex EditionLine();
}
