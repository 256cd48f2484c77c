using Commitments.Api.Http;
using Commitments.Api.Features.Participants;

namespace Commitments.Api.Features.Updates;

/// <summary>The fields a liaison writes, shared by filing (POST) and amending (PUT).</summary>
public interface IUpdateContentInput
{
    ImplementationStatus? Status { get; }
    string? Summary { get; }
    string? Details { get; }
    string? MainMessage { get; }
    IReadOnlyList<EvidenceInput>? Evidence { get; }
    Confidentiality? Confidentiality { get; }
    string? PlannedCompletion { get; }
    IReadOnlyList<string>? AlsoAnswers { get; }
}

public sealed class UpdateContentValidator : AbstractValidator<IUpdateContentInput>
{
    public UpdateContentValidator()
    {
        RuleFor(c => c.Status).NotNull();
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(ContentLimits.Summary).IsCarriableText();
        RuleFor(c => c.Details).MaximumLength(ContentLimits.Details).IsCarriableText();
        RuleFor(c => c.MainMessage).MaximumLength(ContentLimits.MainMessage).IsCarriableText();
        RuleFor(c => c.Confidentiality).NotNull();
        RuleFor(c => c.PlannedCompletion).Must(ParticipantRules.IsDate).WithMessage("plannedCompletion must be a date, yyyy-MM-dd.");
        RuleFor(c => c.Evidence).ItemCount(0, ContentLimits.EvidenceCount)
            .WithMessage($"At most {ContentLimits.EvidenceCount} evidence links.");
        RuleFor(c => c.AlsoAnswers).ItemCount(0, ContentLimits.AlsoAnswersCount)
            .WithMessage($"At most {ContentLimits.AlsoAnswersCount} commitments in alsoAnswers.");
        RuleForEach(c => c.AlsoAnswers).NotEmpty().MaximumLength(32).IsCarriableText();
        RuleForEach(c => c.Evidence).ChildRules(e =>
        {
            e.RuleFor(x => x.Url).NotEmpty().MaximumLength(ContentLimits.Url).IsCarriableText()
                .Must(url => CanonicalUrl(url) is not null)
                .WithMessage("url must be an absolute http or https address with a host, without backslashes or user@ before the host.");
            e.RuleFor(x => x.Title).NotEmpty().MaximumLength(ContentLimits.EvidenceTitle).IsCarriableText();
        });
    }

    /// <summary>
    /// The form an evidence link is stored and shown in, or null when it is refused. The host is written in its ASCII
    /// (punycode) form, so a look-alike such as a Cyrillic о in gov.uk shows as xn--...; backslashes (which browsers read
    /// as slashes), control characters and user@host (which hides the real host after the @) are refused.
    /// </summary>
    public static string? CanonicalUrl(string? url)
    {
        if (url is null || url.Any(c => c == '\\' || char.IsControl(c))) return null;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        if (string.IsNullOrEmpty(uri.IdnHost) || uri.UserInfo.Length > 0) return null;
        return new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
    }

    public static UpdateContent ToContent(IUpdateContentInput input) => new(
        input.Status!.Value, input.Summary!, Blank(input.Details), Blank(input.MainMessage),
        (input.Evidence ?? []).Select(e => new EvidenceLink(CanonicalUrl(e.Url)!, e.Title!, e.Kind)).ToList(),
        input.Confidentiality!.Value, input.PlannedCompletion,
        // Cited once each, in the order given; none is the same as an empty list (and leaves the revision's hash as before citations).
        input.AlsoAnswers is { Count: > 0 } cited ? cited.Select(c => c.Trim()).Distinct().ToList() : null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
