using Commitments.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commitments.Api.Features.Reports;

/// <summary>Which cycle report to compute, as of when and for whom.</summary>
/// <param name="Id">The reporting cycle, e.g. seoul-2024.</param>
/// <param name="AsOf">The as-of time (UTC), e.g. 2024-05-21T00:00:00Z; now when left out. Not in the future.</param>
/// <param name="IfNoneMatch">The ETag of the copy the client holds of this report as of now; while it is current the answer is 304 with no body.</param>
/// <param name="Audience">secretariat (default: everything, restricted and governments-level items marked), governments (public and governments-level content) or public (public content); reports the audience may not read are shown as reported, without content.</param>
public sealed record ReportQuery(
    [FromRoute(Name = "id")] string Id, [FromQuery(Name = "asOf")] DateTime? AsOf, [FromQuery(Name = "audience")] string? Audience,
    [FromHeader(Name = "If-None-Match")] string? IfNoneMatch = null)
{
    public sealed class Validator : AbstractValidator<ReportQuery>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(q => q.AsOf).Must(a => BriefingPacks.IsReproducible(a, clock)).WithMessage(BriefingPacks.FutureAsOf);
            RuleFor(q => q.Audience).IsOneOf(BriefingPacks.Audiences).WithMessage(BriefingPacks.UnknownAudience);
        }
    }
}
