using Commitments.Api.Features.Participants;

namespace Commitments.Api.Features.Updates;

/// <summary>The fields a liaison writes, shared by filing (POST) and amending (PUT).</summary>
public interface IUpdateContentInput
{
    ImplementationStatus? Status { get; }
    string? Summary { get; }
    string? Details { get; }
    string? MainMessage { get; }
    IReadOnlyList<EvidenceDto>? Evidence { get; }
    Confidentiality? Confidentiality { get; }
    string? PlannedCompletion { get; }
}

public sealed class UpdateContentValidator : AbstractValidator<IUpdateContentInput>
{
    public UpdateContentValidator()
    {
        RuleFor(c => c.Status).NotNull();
        RuleFor(c => c.Summary).NotEmpty().MaximumLength(ContentLimits.Summary);
        RuleFor(c => c.Details).MaximumLength(ContentLimits.Details);
        RuleFor(c => c.MainMessage).MaximumLength(ContentLimits.MainMessage);
        RuleFor(c => c.Confidentiality).NotNull();
        RuleFor(c => c.PlannedCompletion).Must(ParticipantRules.IsDate).WithMessage("plannedCompletion must be a date, yyyy-MM-dd.");
        RuleFor(c => c.Evidence).Must(e => e is null || e.Count <= ContentLimits.EvidenceCount)
            .WithMessage($"At most {ContentLimits.EvidenceCount} evidence links.");
        RuleForEach(c => c.Evidence).ChildRules(e =>
        {
            e.RuleFor(x => x.Url).NotEmpty().MaximumLength(ContentLimits.Url)
                .Must(IsWebAddress).WithMessage("url must be an absolute http or https address.");
            e.RuleFor(x => x.Title).NotEmpty().MaximumLength(ContentLimits.EvidenceTitle);
        });
    }

    private static bool IsWebAddress(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    public static UpdateContent ToContent(IUpdateContentInput input) => new(
        input.Status!.Value, input.Summary!, Blank(input.Details), Blank(input.MainMessage),
        (input.Evidence ?? []).Select(e => new EvidenceLink(e.Url!, e.Title!, e.Kind)).ToList(),
        input.Confidentiality!.Value, input.PlannedCompletion);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
