namespace Commitments.Api.Features.Reports;

public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var cycles = app.MapGroup("/v1/cycles").WithTags("Reports").RequireAuthorization(Policies.Secretariat);
        GetCoverage.Map(cycles);
        GetBriefingPack.Map(cycles);
        GetLateList.Map(cycles);
        FreezeBriefingPack.Map(cycles);
        ExemptObligation.Map(cycles);
        ListExemptions.Map(cycles);
        var packs = app.MapGroup("/v1/briefing-packs").WithTags("Reports").RequireAuthorization(Policies.Secretariat);
        GetFrozenPack.Map(packs);
        var participants = app.MapGroup("/v1/participants").WithTags("Reports").RequireAuthorization(Policies.Filer);
        GetDigest.Map(participants);
        return cycles;
    }
}
